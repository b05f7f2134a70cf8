import type { SQSClient } from '@aws-sdk/client-sqs';
import type { StageHandOff } from '../../core/operate/stageHandOff.ts';
import { sendJsonBatch } from './sqsSender.ts';

/**
 * The pipeline's patch and validate queues as the orchestrator's StageHandOff: the same message bodies the Lambda
 * stages send each other (functions/shared/messages.ts: `{healingId}`, `{healingId, candidateId}`).
 */
export class SqsStageHandOff implements StageHandOff {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: { patch: string; validate: string },
  ) {}

  async toPatch(healingId: string): Promise<void> {
    await sendJsonBatch(this.sqs, this.queues.patch, [{ healingId }]);
  }

  async toValidate(healingId: string, candidateIds: readonly string[]): Promise<void> {
    await sendJsonBatch(
      this.sqs,
      this.queues.validate,
      candidateIds.map((candidateId) => ({ healingId, candidateId })),
    );
  }
}
