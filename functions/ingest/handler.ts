import { randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import { sendJsonBatch } from '../../adapters/aws/sqsSender.ts';
import { DEFAULT_CLAIM_STALE_MS, DEFAULT_COOLDOWN_MS } from '../../core/pipeline/healingStart.ts';
import { buildGroupEvents, groupByStream, type IngestRecord } from '../../core/pipeline/ingestGroups.ts';
import { type IngestDeps, ingestEvent } from '../../core/pipeline/ingestStage.ts';
import { queueUrl } from '../shared/config.ts';
import { parseIngestBody } from '../shared/messages.ts';
import { pipelineDeps } from '../shared/pipelineDeps.ts';
import { messageKey, type RecordOutcomes, sqsStageHandler, stageLogger } from '../shared/sqsHandler.ts';

const STAGE = 'ingest';
const logger = stageLogger(STAGE);

/**
 * Ingest: log lines in, healings out. The whole batch is read as one log per stream (core/pipeline/ingestGroups.ts),
 * so a trace cut across messages is reassembled; each error event is counted and may start a healing
 * (core/pipeline/ingestStage.ts). A bad body fails its own record only; a group that fails fails its records.
 */
async function settle(records: SQSRecord[]): Promise<RecordOutcomes> {
  const deps = pipelineDeps();
  const outcomes: RecordOutcomes = records.map(() => ({ status: 'fulfilled', value: 'pending' }));
  const fresh: IngestRecord[] = [];
  const indexOf = new Map<string, number>();
  await Promise.all(
    records.map(async (record, i) => {
      try {
        if (await deps.idempotency.seen(messageKey(STAGE, record.messageId))) {
          outcomes[i] = { status: 'fulfilled', value: 'duplicate' };
          return;
        }
        const payload = await parseIngestBody(record.body);
        indexOf.set(record.messageId, i);
        fresh.push({ messageId: record.messageId, sentAt: Number(record.attributes.SentTimestamp) || 0, ...payload });
      } catch (error) {
        outcomes[i] = { status: 'rejected', reason: error };
      }
    }),
  );
  const ingestDeps: IngestDeps = {
    store: deps.store,
    claims: deps.claims,
    idempotency: deps.idempotency,
    policy: { cooldownMs: DEFAULT_COOLDOWN_MS, claimStaleMs: DEFAULT_CLAIM_STALE_MS },
    sendAnalyze: (healingId) => sendJsonBatch(deps.clients.sqs, queueUrl(deps.config, 'analyze'), [{ healingId }]),
    newId: randomUUID,
    now: () => new Date(),
  };
  for (const group of groupByStream(fresh)) {
    let outcome: PromiseSettledResult<unknown>;
    try {
      const events = buildGroupEvents(group, { registry: deps.registry, environment: deps.config.environment });
      for (const built of events) {
        const result = await ingestEvent(built, ingestDeps);
        logger.info('error event', { ...result });
      }
      for (const id of group.messageIds) await deps.idempotency.mark(messageKey(STAGE, id));
      outcome = { status: 'fulfilled', value: events.length };
    } catch (error) {
      outcome = { status: 'rejected', reason: error };
    }
    for (const id of group.messageIds) outcomes[indexOf.get(id) as number] = outcome;
  }
  return outcomes;
}

export const handler = sqsStageHandler(STAGE, logger, settle);
