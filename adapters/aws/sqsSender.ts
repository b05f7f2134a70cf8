import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

export class QueueSendError extends Error {
  override name = 'QueueSendError';
}

/** SendMessageBatch takes at most 10 entries. */
const SQS_BATCH_LIMIT = 10;

/**
 * Sends JSON bodies to one queue with SendMessageBatch, ten per call. A batch call succeeds even when some entries
 * fail, so failed entries are an error here: the caller's message is then retried as a whole (the receiving stage
 * is idempotent, so the entries that did go through do no harm).
 */
export async function sendJsonBatch(sqs: SQSClient, queueUrl: string, bodies: readonly unknown[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += SQS_BATCH_LIMIT) {
    const chunk = bodies.slice(i, i + SQS_BATCH_LIMIT);
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((body, j) => ({ Id: String(i + j), MessageBody: JSON.stringify(body) })),
      }),
    );
    if (out.Failed && out.Failed.length > 0) {
      const first = out.Failed[0];
      throw new QueueSendError(
        `${out.Failed.length} message(s) not sent to ${queueUrl}: ${first?.Code} ${first?.Message ?? ''}`,
      );
    }
  }
}
