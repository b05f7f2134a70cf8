import { sendJsonBatch } from '../../adapters/aws/sqsSender.ts';
import { analyzeHealing } from '../../core/pipeline/stageRunners.ts';
import { queueUrl } from '../shared/config.ts';
import { HealingMessageSchema, parseJsonBody } from '../shared/messages.ts';
import { pipelineDeps } from '../shared/pipelineDeps.ts';
import { eachRecordOnce, sqsStageHandler, stageLogger } from '../shared/sqsHandler.ts';

const STAGE = 'analyze';
const logger = stageLogger(STAGE);

/** Analyze: classify the detected error with its language's rules, then hand the healing to patch. */
export const handler = sqsStageHandler(STAGE, logger, (records) => {
  const deps = pipelineDeps();
  return eachRecordOnce(STAGE, deps.idempotency, async (record) => {
    const { healingId } = parseJsonBody(HealingMessageSchema, record.body, 'analyze message');
    if (await analyzeHealing(deps, healingId)) {
      await sendJsonBatch(deps.clients.sqs, queueUrl(deps.config, 'patch'), [{ healingId }]);
    }
    logger.info('analyzed', { healingId });
  })(records);
});
