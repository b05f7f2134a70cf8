import { sendJsonBatch } from '../../adapters/aws/sqsSender.ts';
import { patchHealing } from '../../core/pipeline/stageRunners.ts';
import { queueUrl } from '../shared/config.ts';
import { HealingMessageSchema, parseJsonBody } from '../shared/messages.ts';
import { pipelineDeps } from '../shared/pipelineDeps.ts';
import { eachRecordOnce, sqsStageHandler, stageLogger } from '../shared/sqsHandler.ts';

const STAGE = 'patch';
const logger = stageLogger(STAGE);

/** Patch: fetch the service's source, generate candidate patches, send one validate message per candidate. */
export const handler = sqsStageHandler(STAGE, logger, (records) => {
  const deps = pipelineDeps();
  return eachRecordOnce(STAGE, deps.idempotency, async (record) => {
    const { healingId } = parseJsonBody(HealingMessageSchema, record.body, 'patch message');
    const candidateIds = await patchHealing({ ...deps, environment: deps.config.environment }, healingId);
    await sendJsonBatch(
      deps.clients.sqs,
      queueUrl(deps.config, 'validate'),
      candidateIds.map((candidateId) => ({ healingId, candidateId })),
    );
    logger.info('candidates sent', { healingId, candidates: candidateIds.length });
  })(records);
});
