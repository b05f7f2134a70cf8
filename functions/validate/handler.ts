import { validateCandidate } from '../../core/pipeline/stageRunners.ts';
import { CandidateMessageSchema, parseJsonBody } from '../shared/messages.ts';
import { pipelineDeps } from '../shared/pipelineDeps.ts';
import { eachRecordOnce, sqsStageHandler, stageLogger } from '../shared/sqsHandler.ts';

const STAGE = 'validate';
const logger = stageLogger(STAGE);

/** Validate: one candidate's ladder in a sandbox under /tmp; the last result in concludes the healing. */
export const handler = sqsStageHandler(STAGE, logger, (records) => {
  const deps = pipelineDeps();
  return eachRecordOnce(STAGE, deps.idempotency, async (record) => {
    const { healingId, candidateId } = parseJsonBody(CandidateMessageSchema, record.body, 'validate message');
    const result = await validateCandidate(
      { ...deps, environment: deps.config.environment, stepTimeoutMs: deps.config.validateStepTimeoutMs },
      healingId,
      candidateId,
    );
    logger.info('validated', {
      healingId,
      candidateId,
      passed: result?.passed ?? null,
      failedStep: result?.failedStep ?? null,
    });
  })(records);
});
