import { randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import { sendJsonBatch } from '../../adapters/aws/sqsSender.ts';
import { connectRecentFingerprintsRedis, RedisRecentFingerprints } from '../../adapters/redis/recentFingerprints.ts';
import { DEFAULT_CLAIM_STALE_MS, DEFAULT_COOLDOWN_MS } from '../../core/pipeline/healingStart.ts';
import { type BatchIngestDeps, ingestRecords } from '../../core/pipeline/ingestBatch.ts';
import type { IngestRecord } from '../../core/pipeline/ingestGroups.ts';
import { queueUrl } from '../shared/config.ts';
import { parseIngestBody } from '../shared/messages.ts';
import { type PipelineDeps, pipelineDeps } from '../shared/pipelineDeps.ts';
import { messageKey, type RecordOutcomes, sqsStageHandler, stageLogger } from '../shared/sqsHandler.ts';

const STAGE = 'ingest';
const logger = stageLogger(STAGE);

/** Made on the first batch of a container when REDIS_URL is set; the connection lives as long as the container. */
let recent: RedisRecentFingerprints | null | undefined;

function recentFingerprints(url: string | null): RedisRecentFingerprints | null {
  if (recent === undefined) {
    recent = url
      ? new RedisRecentFingerprints(connectRecentFingerprintsRedis(url), {
          onAvailability: (available, error) =>
            available
              ? logger.info('busy-healing memory: Redis answering again')
              : logger.warn('busy-healing memory: Redis not answering; deciding from DynamoDB', {
                  error: error?.message,
                }),
        })
      : null;
  }
  return recent;
}

function batchDeps(deps: PipelineDeps): BatchIngestDeps {
  return {
    store: deps.store,
    claims: deps.claims,
    occurrences: deps.claims,
    idempotency: deps.idempotency,
    messages: deps.idempotency,
    messageKey: (id) => messageKey(STAGE, id),
    recent: recentFingerprints(deps.config.redisUrl),
    registry: deps.registry,
    environment: deps.config.environment,
    policy: { cooldownMs: DEFAULT_COOLDOWN_MS, claimStaleMs: DEFAULT_CLAIM_STALE_MS },
    // Attempts, cool-down and healings per hour (core/limits); none when the stack has no control table.
    limits: deps.limits,
    sendAnalyze: (healingId) => sendJsonBatch(deps.clients.sqs, queueUrl(deps.config, 'analyze'), [{ healingId }]),
    newId: randomUUID,
    now: () => new Date(),
  };
}

/**
 * Ingest: log lines in, healings out. The whole batch is read as one log per stream (core/pipeline/ingestGroups.ts),
 * so a trace cut across messages is reassembled; the batch's events are counted per fingerprint and each fingerprint
 * may start a healing (core/pipeline/ingestBatch.ts). A bad body fails its own record only; a stream whose events
 * could not be counted fails its records.
 */
async function settle(records: SQSRecord[]): Promise<RecordOutcomes> {
  const deps = pipelineDeps();
  const outcomes: RecordOutcomes = records.map(() => ({ status: 'fulfilled', value: 'pending' }));
  const parsed: IngestRecord[] = [];
  await Promise.all(
    records.map(async (record, i) => {
      try {
        const payload = await parseIngestBody(record.body);
        parsed.push({ messageId: record.messageId, sentAt: Number(record.attributes.SentTimestamp) || 0, ...payload });
      } catch (error) {
        outcomes[i] = { status: 'rejected', reason: error };
      }
    }),
  );
  const before = recent?.stats.fallbacks ?? 0;
  const result = await ingestRecords(parsed, batchDeps(deps));
  for (const outcome of result.fingerprints) logger.info('error events', { ...outcome });
  const fallbacks = (recent?.stats.fallbacks ?? 0) - before;
  if (fallbacks > 0) logger.warn('busy-healing memory unavailable', { fallbacks });
  records.forEach((record, i) => {
    const r = result.messages.get(record.messageId);
    if (!r) return;
    outcomes[i] =
      r.status === 'failed'
        ? { status: 'rejected', reason: r.error }
        : { status: 'fulfilled', value: r.status === 'duplicate' ? 'duplicate' : r.events };
  });
  return outcomes;
}

export const handler = sqsStageHandler(STAGE, logger, settle);
