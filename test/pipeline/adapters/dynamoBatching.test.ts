import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../adapters/aws/awsClients.ts';
import { DynamoClaimStore } from '../../../adapters/aws/dynamoClaimStore.ts';
import { DynamoHealingStore } from '../../../adapters/aws/dynamoHealingStore.ts';
import { DynamoIdempotency } from '../../../adapters/aws/dynamoIdempotency.ts';
import { type LocalCloud, startLocalCloud, useEmulatorEnvironment } from '../../setup/localCloud.ts';
import { createPipelineTables, type PipelineTables } from '../support/pipelineTables.ts';

let moto: LocalCloud;
let tables: PipelineTables;
let clients: ReturnType<typeof createAwsClients>;

beforeAll(async () => {
  moto = await startLocalCloud();
  useEmulatorEnvironment(moto.endpoint);
  tables = await createPipelineTables(moto.endpoint, 'batching');
  clients = createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' });
});
afterAll(async () => {
  clients?.dynamo.destroy();
  await moto?.stop();
});

describe('DynamoIdempotency batch calls on moto', () => {
  it('reads and records more keys than one call takes, and ignores expired records', async () => {
    let now = new Date('2026-11-24T00:00:00Z');
    const idem = new DynamoIdempotency(clients.dynamo, tables.processed, 60, () => now);
    const keys = Array.from({ length: 130 }, (_, i) => `ingest#msg#b${i}`); // > 100 per BatchGetItem, > 25 per write
    expect((await idem.seenMany(keys)).size).toBe(0);
    await idem.markMany([...keys.slice(0, 60), ...keys.slice(0, 5)]); // duplicates in one call are allowed
    const seen = await idem.seenMany([...keys, keys[0] as string]);
    expect([...seen].sort()).toEqual(keys.slice(0, 60).sort());
    expect(await idem.seen(keys[59] as string)).toBe(true);
    expect(await idem.mark(keys[59] as string)).toBe(false); // the conditional mark still sees batch-written keys
    now = new Date('2026-11-24T00:02:00Z');
    expect((await idem.seenMany(keys)).size).toBe(0);
  });
});

describe('occurrence tallies on moto', () => {
  it('adds a batch in one update, answers the claim with it, and keeps 48 hourly buckets', async () => {
    let now = new Date('2026-11-24T12:30:00Z');
    const claims = new DynamoClaimStore(clients.dynamo, tables.occurrences);
    const store = new DynamoHealingStore(clients.dynamo, tables, () => now);
    const tally = (count: number, hourly: Record<string, number>, at: string) => ({
      fingerprint: 'fp-hourly',
      count,
      firstAt: at,
      lastAt: at,
      hourly,
      parts: { p: 1 },
      sample: { n: count },
    });
    const first = await claims.add(tally(7, { '2026-11-24T11': 3, '2026-11-24T12': 4 }, '2026-11-24T11:10:00Z'), now);
    expect(first.occurrence).toMatchObject({ count: 7, sample: { n: 7 }, parts: { p: 1 } });
    expect(first.occurrence.hourly).toEqual({ '2026-11-24T11': 3, '2026-11-24T12': 4 });
    expect(first.claim).toEqual({ openHealingId: null, claimedAt: null, cooldownUntil: null });
    expect(await claims.claim('fp-hourly', null, 'h-1', '2026-11-24T12:30:00Z')).toBe(true);
    const second = await claims.add(tally(2, { '2026-11-24T12': 2 }, '2026-11-24T12:20:00Z'), now);
    expect(second.occurrence).toMatchObject({ count: 9, sample: { n: 7 }, lastSeen: '2026-11-24T12:20:00Z' });
    expect(second.claim).toMatchObject({ openHealingId: 'h-1', claimedAt: '2026-11-24T12:30:00Z' });

    // Two days later the 11:00 bucket has left the window; the 12:00 one is the oldest kept.
    now = new Date('2026-11-26T11:05:00Z');
    const later = await store.recordOccurrence('fp-hourly', '2026-11-26T11:01:00Z', { p: 1 }, {});
    expect(later.count).toBe(10);
    expect(later.hourly).toEqual({ '2026-11-24T12': 6, '2026-11-26T11': 1 });
    expect((await store.occurrence('fp-hourly'))?.hourly).toEqual(later.hourly);
    now = new Date('2026-11-26T12:00:00Z');
    const pruned = await store.recordOccurrence('fp-hourly', '2026-11-20T00:00:00Z', { p: 1 }, {});
    expect([pruned.count, pruned.hourly]).toEqual([11, { '2026-11-26T11': 1 }]);
  });
});
