import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../adapters/aws/awsClients.ts';
import { DynamoClaimStore } from '../../../adapters/aws/dynamoClaimStore.ts';
import { DynamoHealingStore } from '../../../adapters/aws/dynamoHealingStore.ts';
import { DynamoIdempotency } from '../../../adapters/aws/dynamoIdempotency.ts';
import { connectRecentFingerprintsRedis, RedisRecentFingerprints } from '../../../adapters/redis/recentFingerprints.ts';
import { DEFAULT_CLAIM_STALE_MS, DEFAULT_COOLDOWN_MS } from '../../../core/pipeline/healingStart.ts';
import { type BatchIngestDeps, ingestRecords } from '../../../core/pipeline/ingestBatch.ts';
import type { IngestRecord } from '../../../core/pipeline/ingestGroups.ts';
import { createRegistry } from '../../../plugins/index.ts';
import { type LocalCloud, startLocalCloud, useEmulatorEnvironment } from '../../setup/localCloud.ts';
import { type RedisServer, startRedisServer } from '../../setup/redisServer.ts';
import { createPipelineTables } from '../support/pipelineTables.ts';

// A storm of one error through the real adapters: moto for DynamoDB, a real redis-server for the busy-healing
// memory. DynamoDB calls are counted by an SDK middleware on the client the adapters use.
const LOG = readFileSync(new URL('../../../examples/orders-service/logs/crash.log', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const PERCENT = LOG.find((l) => l.includes('"level":50') && l.includes("reading 'percent'")) as string;
const INFO = LOG.filter((l) => l.includes('"level":30'));
const registry = createRegistry();
const STORM = 500; // lines of one error, one per message, in batches of 10 as the ingest mapping delivers them
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'BatchWriteItemCommand', 'DeleteItemCommand']);

let moto: LocalCloud;
let redis: RedisServer;

beforeAll(async () => {
  [moto, redis] = await Promise.all([startLocalCloud(), startRedisServer()]);
  useEmulatorEnvironment(moto.endpoint);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), redis?.stop()]);
});

/** The pipeline tables under a fresh prefix, adapters on a client whose DynamoDB calls are counted. */
async function pipeline(prefix: string, recent: RedisRecentFingerprints | null) {
  const tables = await createPipelineTables(moto.endpoint, prefix);
  const clients = createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' });
  const calls = { reads: 0, writes: 0 };
  clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITES.has(context.commandName ?? '')) calls.writes++;
      else calls.reads++;
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const store = new DynamoHealingStore(clients.dynamo, tables);
  const claims = new DynamoClaimStore(clients.dynamo, tables.occurrences);
  const idempotency = new DynamoIdempotency(clients.dynamo, tables.processed);
  const sent: string[] = [];
  const deps: BatchIngestDeps = {
    store,
    claims,
    occurrences: claims,
    idempotency,
    messages: idempotency,
    messageKey: (id) => `ingest#msg#${id}`,
    recent,
    registry,
    environment: 'test',
    policy: { cooldownMs: DEFAULT_COOLDOWN_MS, claimStaleMs: DEFAULT_CLAIM_STALE_MS },
    sendAnalyze: async (id) => {
      sent.push(id);
    },
    newId: () => `${prefix}-healing-${sent.length + 1}`,
    now: () => new Date(),
  };
  return { deps, store, calls, sent, close: () => clients.dynamo.destroy() };
}

function stormBatches(prefix: string): IngestRecord[][] {
  const batches: IngestRecord[][] = [];
  for (let i = 0; i < STORM; i += 10) {
    batches.push(
      Array.from({ length: 10 }, (_, j) => ({
        messageId: `${prefix}-${i + j}`,
        sentAt: i + j,
        // Two streams per batch, so a fingerprint's tally spans groups.
        lines: [PERCENT],
        service: 'orders',
        stream: `${prefix}-${j % 2}`,
      })),
    );
  }
  return batches;
}

async function ingestAll(batches: IngestRecord[][], deps: BatchIngestDeps) {
  const statuses: Record<string, number> = {};
  for (const batch of batches) {
    const result = await ingestRecords(batch, deps);
    for (const r of result.messages.values()) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  }
  return statuses;
}

async function healingsAndCount(p: Awaited<ReturnType<typeof pipeline>>) {
  const [fp] = (await p.store.findOccurrences('')).map((o) => o.fingerprint);
  const occurrence = await p.store.occurrence(fp as string);
  return { count: occurrence?.count, healings: (await p.store.list({ fingerprint: fp as string })).length };
}

describe('a storm of one error through ingest (moto + Redis)', () => {
  it('counts every line exactly and opens one healing, with far fewer healing reads when Redis remembers it', async () => {
    const plain = await pipeline('plain', null);
    const memory = new RedisRecentFingerprints(connectRecentFingerprintsRedis(redis.url));
    await waitReady(memory);
    const cached = await pipeline('cached', memory);
    const [plainRun, cachedRun] = await Promise.all([
      ingestAll(stormBatches('plain'), plain.deps),
      ingestAll(stormBatches('cached'), cached.deps),
    ]);
    expect([plainRun, cachedRun]).toEqual([{ processed: STORM }, { processed: STORM }]);
    expect(await healingsAndCount(plain)).toEqual({ count: STORM, healings: 1 });
    expect(await healingsAndCount(cached)).toEqual({ count: STORM, healings: 1 });
    expect([plain.sent.length, cached.sent.length]).toEqual([1, 1]);
    // Per batch of 10: 1 BatchGetItem + 1 UpdateItem + 1 BatchWriteItem, and without Redis 1 Query of the healing
    // + 1 GetItem of its hand-off record (it stays `detected`: no analyze runs here); with Redis those two once per
    // 10 s window. The old per-message ingest made ~3,000 calls for this storm (per message a GetItem and a PutItem of
    // its id; per line an UpdateItem, a GetItem of the claim, a Query of the healing and a GetItem of its hand-off).
    const batches = STORM / 10;
    console.info(
      `storm of ${STORM}: without Redis ${JSON.stringify(plain.calls)}, with ${JSON.stringify(cached.calls)}`,
    );
    expect(plain.calls.writes).toBeLessThanOrEqual(2 * batches + 10);
    expect(cached.calls.writes).toBe(plain.calls.writes);
    expect(plain.calls.reads).toBeGreaterThanOrEqual(3 * batches);
    expect(plain.calls.reads + plain.calls.writes).toBeLessThanOrEqual(5 * batches + 10);
    expect(cached.calls.reads).toBeLessThanOrEqual(batches + 10);
    expect(memory.stats.hits).toBeGreaterThanOrEqual(batches - 5);
    plain.close();
    cached.close();
    await memory.close();
  });

  it('keeps counting exactly when Redis stops mid-storm, and uses it again once it is back', async () => {
    const memory = new RedisRecentFingerprints(connectRecentFingerprintsRedis(redis.url));
    await waitReady(memory);
    const p = await pipeline('outage', memory);
    const batches = stormBatches('outage');
    expect(await ingestAll(batches.slice(0, 20), p.deps)).toEqual({ processed: 200 });
    const hitsBefore = memory.stats.hits;
    expect(hitsBefore).toBeGreaterThan(15);

    // Stopped after 5 more batches (a fixed point: how many batches a wall-clock pause covers depends on the
    // machine's load): the connection drops, later commands fail at once (no offline queue) and fall back.
    const during = { ...p.calls };
    const fallbacksBefore = memory.stats.fallbacks;
    const outageStarted = Date.now();
    expect(await ingestAll(batches.slice(20, 25), p.deps)).toEqual({ processed: 50 });
    const hitsBefore5 = memory.stats.hits;
    await redis.stop();
    expect(await ingestAll(batches.slice(25, 40), p.deps)).toEqual({ processed: 150 });
    const outageMs = Date.now() - outageStarted;
    const hitsDuring = memory.stats.hits - hitsBefore;
    expect(memory.stats.hits).toBe(hitsBefore5); // nothing answered while Redis was down
    expect(memory.stats.fallbacks - fallbacksBefore).toBeGreaterThanOrEqual(15);
    // Every batch read its message ids, and every batch the memory did not answer read the healing's events and
    // its hand-off record (the healing stays `detected` here: no analyze stage runs).
    expect(p.calls.reads - during.reads).toBeGreaterThanOrEqual(20 + 2 * (20 - hitsDuring));
    // A redelivered batch during the outage is still recognised (DynamoDB holds the message ids).
    expect(await ingestAll(batches.slice(30, 32), p.deps)).toEqual({ duplicate: 20 });
    const hitsAfterOutage = memory.stats.hits;

    redis = await startRedisServer(redis.port);
    await waitReady(memory);
    expect(await ingestAll(batches.slice(40), p.deps)).toEqual({ processed: 100 });
    expect(memory.stats.hits).toBeGreaterThan(hitsAfterOutage + 5);
    expect(await healingsAndCount(p)).toEqual({ count: STORM, healings: 1 });
    expect(p.sent).toHaveLength(1);
    console.info(`20 batches with Redis down took ${outageMs} ms; fallbacks ${memory.stats.fallbacks}`);
    p.close();
    await memory.close();
  });

  it('touches DynamoDB not at all for batches without an error', async () => {
    const p = await pipeline('quiet', null);
    const quiet = Array.from({ length: 5 }, (_, b) =>
      INFO.slice(0, 10).map((line, j) => ({
        messageId: `quiet-${b}-${j}`,
        sentAt: j,
        lines: [line],
        service: 'orders',
        stream: 'quiet',
      })),
    );
    expect(await ingestAll(quiet, p.deps)).toEqual({ processed: 50 });
    expect(p.calls).toEqual({ reads: 0, writes: 0 });
    p.close();
  });
});

/** Waits until the adapter's connection is up (ioredis reconnects at most 1 s apart). */
async function waitReady(memory: RedisRecentFingerprints): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await memory.rememberBusy('probe', 'probe', 1_000);
    if ((await memory.busyHealingOf('probe')) === 'probe') return;
    await sleep(100);
  }
  throw new Error('Redis did not answer within 10 s');
}
