import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Idempotency } from '../../core/pipeline/pipelinePorts.ts';

/** One settled result per record, in record order: what @middy/sqs-partial-batch-failure turns into failures. */
export type RecordOutcomes = PromiseSettledResult<unknown>[];

export function stageLogger(stage: string): Logger {
  return new Logger({ serviceName: `homeostasis-${stage}` });
}

/** Idempotency key of "this stage handled this SQS message". */
export function messageKey(stage: string, messageId: string): string {
  return `${stage}#msg#${messageId}`;
}

/**
 * The middy chain every stage uses: the base handler settles each record, and the partial-batch-failure middleware
 * reports the rejected ones as `batchItemFailures`, so only they return to the queue (and, after maxReceiveCount,
 * to its DLQ). The failure is logged with the message id and the error's message, never the body (untrusted).
 */
export function sqsStageHandler(
  stage: string,
  logger: Logger,
  settle: (records: SQSRecord[], context: Context) => Promise<RecordOutcomes>,
) {
  return middy<SQSEvent, SQSBatchResponse>()
    .use(
      sqsPartialBatchFailure({
        logger: (reason: unknown, record: SQSRecord) =>
          logger.error('record failed', {
            stage,
            messageId: record.messageId,
            receiveCount: record.attributes.ApproximateReceiveCount,
            error: reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason),
          }),
      }),
    )
    .handler(async (event: SQSEvent, context: Context) => {
      logger.addContext(context);
      return (await settle(event.Records, context)) as unknown as SQSBatchResponse;
    });
}

/**
 * Handles each record on its own, at most once per message id: a redelivered message whose work was recorded is
 * acknowledged without running again. The key is written after the work, so a crash in between repeats the work
 * (the stages are idempotent) rather than losing it.
 */
export function eachRecordOnce(
  stage: string,
  idempotency: Idempotency,
  work: (record: SQSRecord) => Promise<unknown>,
): (records: SQSRecord[]) => Promise<RecordOutcomes> {
  return (records) =>
    Promise.allSettled(
      records.map(async (record) => {
        const key = messageKey(stage, record.messageId);
        if (await idempotency.seen(key)) return 'duplicate';
        const result = await work(record);
        await idempotency.mark(key);
        return result;
      }),
    );
}
