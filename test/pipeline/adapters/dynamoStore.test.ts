import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../adapters/aws/awsClients.ts';
import { DynamoClaimStore } from '../../../adapters/aws/dynamoClaimStore.ts';
import { DynamoHealingStore } from '../../../adapters/aws/dynamoHealingStore.ts';
import { DynamoIdempotency } from '../../../adapters/aws/dynamoIdempotency.ts';
import { HealingRecorder } from '../../../core/workflow/healingRecorder.ts';
import { ConcurrentAppendError } from '../../../core/workflow/healingStore.ts';
import type { HealingEvent } from '../../../core/workflow/healingWorkflow.ts';
import { type LocalCloud, startLocalCloud, useEmulatorEnvironment } from '../../setup/localCloud.ts';
import { createPipelineTables, type PipelineTables } from '../support/pipelineTables.ts';

let moto: LocalCloud;
let tables: PipelineTables;
let clients: ReturnType<typeof createAwsClients>;

beforeAll(async () => {
  moto = await startLocalCloud();
  useEmulatorEnvironment(moto.endpoint);
  tables = await createPipelineTables(moto.endpoint, 'store');
  clients = createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' });
});
afterAll(async () => {
  clients?.dynamo.destroy();
  await moto?.stop();
});

const meta = { fingerprint: 'fp-1', service: 'orders', category: 'null-reference' };
const event = (healingId: string, seq: number, type: HealingEvent['type'], data = {}): HealingEvent => ({
  healingId,
  seq,
  type,
  at: `2026-01-01T00:00:0${seq}Z`,
  reason: type,
  actor: 'homeostasis',
  data,
});

describe('DynamoHealingStore on moto', () => {
  it('appends events in order, reads them back and projects the state for listing', async () => {
    const store = new DynamoHealingStore(clients.dynamo, tables);
    const recorder = await HealingRecorder.open(store, 'h-1', meta);
    await recorder.record('detected', 'seen', { event: { nested: [1, 'two', null] } });
    await recorder.record('analyzed', 'rule');
    const events = await store.events('h-1');
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'detected'],
      [2, 'analyzed'],
    ]);
    expect(events[0]?.data).toEqual({ event: { nested: [1, 'two', null] } });
    const listed = await store.list({ fingerprint: 'fp-1' });
    expect(listed).toMatchObject([{ id: 'h-1', state: 'analyzed', service: 'orders', fingerprint: 'fp-1' }]);
    expect(await store.list({ state: 'detected' })).toEqual([]);
    expect((await store.list({ state: 'analyzed' })).map((s) => s.id)).toContain('h-1');
  });

  it('lists from the byState index: one row per healing however many events, newest first, moved with its state', async () => {
    const store = new DynamoHealingStore(clients.dynamo, tables);
    const m = { ...meta, fingerprint: 'fp-listing' };
    const at = (day: number) => `2026-02-0${day}T00:00:00Z`;
    await store.append({ ...event('list-old', 1, 'detected'), at: at(1) }, { ...m, state: 'detected' });
    await store.append({ ...event('list-old', 2, 'analyzed'), at: at(2) }, { ...m, state: 'analyzed' });
    await store.append({ ...event('list-new', 1, 'detected'), at: at(3) }, { ...m, state: 'detected' });
    await store.append({ ...event('list-new', 2, 'analyzed'), at: at(4) }, { ...m, state: 'analyzed' });
    const mine = (rows: { id: string }[]) => rows.map((r) => r.id).filter((id) => id.startsWith('list-'));

    expect(mine(await store.list({ state: 'analyzed' }))).toEqual(['list-new', 'list-old']);
    expect(mine(await store.list())).toEqual(['list-new', 'list-old']);
    await store.append(
      { ...event('list-old', 3, 'candidates-generated'), at: at(5) },
      { ...m, state: 'candidates-generated' },
    );
    expect(mine(await store.list({ state: 'analyzed' }))).toEqual(['list-new']);
    expect(await store.list({ state: 'candidates-generated' })).toMatchObject([
      { id: 'list-old', state: 'candidates-generated', createdAt: at(1), updatedAt: at(5) },
    ]);
  });

  // In turn on moto, which does not lock an item across a conditional write (see the claims test below).
  it('lets exactly one of two appends of the same seq win', async () => {
    const store = new DynamoHealingStore(clients.dynamo, tables);
    await store.append(event('h-2', 1, 'detected'), { ...meta, state: 'detected' });
    const results = [
      (
        await Promise.allSettled([
          store.append(event('h-2', 2, 'analyzed', { by: 'a' }), { ...meta, state: 'analyzed' }),
        ])
      )[0]!,
      (
        await Promise.allSettled([store.append(event('h-2', 2, 'no-fix', { by: 'b' }), { ...meta, state: 'no-fix' })])
      )[0]!,
    ];
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConcurrentAppendError);
    const events = await store.events('h-2');
    expect(events).toHaveLength(2);
    const [summary] = await store.list({ fingerprint: 'fp-1' }).then((l) => l.filter((s) => s.id === 'h-2'));
    expect(summary?.state).toBe(events[1]?.type === 'analyzed' ? 'analyzed' : 'no-fix');
  });

  it('refuses an append that skips a seq (a writer that never saw the last event)', async () => {
    const store = new DynamoHealingStore(clients.dynamo, tables);
    await store.append(event('h-3', 1, 'detected'), { ...meta, state: 'detected' });
    await expect(store.append(event('h-3', 3, 'analyzed'), { ...meta, state: 'analyzed' })).rejects.toBeInstanceOf(
      ConcurrentAppendError,
    );
    await expect(store.append(event('h-3', 1, 'detected'), { ...meta, state: 'detected' })).rejects.toBeInstanceOf(
      ConcurrentAppendError,
    );
  });

  it('counts occurrences with ADD and keeps the first sample', async () => {
    const store = new DynamoHealingStore(clients.dynamo, tables);
    // One after another: moto applies concurrent UpdateItem calls without a lock (12 parallel ADDs came out as 11),
    // so only the expression is checked here; atomicity under concurrency is DynamoDB's guarantee.
    for (let i = 0; i < 12; i++) {
      await store.recordOccurrence('fp-count', `2026-01-01T00:00:${String(10 + i)}Z`, { p: 1 }, { i });
    }
    const occurrence = await store.occurrence('fp-count');
    expect(occurrence?.count).toBe(12);
    expect(occurrence?.parts).toEqual({ p: 1 });
    expect(occurrence?.sample).toEqual({ i: 0 });
    expect([occurrence?.firstSeen, occurrence?.lastSeen]).toEqual(['2026-01-01T00:00:10Z', '2026-01-01T00:00:21Z']);
    expect((await store.findOccurrences('fp-co')).map((o) => o.fingerprint)).toEqual(['fp-count']);
    expect(await store.occurrence('missing')).toBeNull();
  });
});

describe('DynamoClaimStore and DynamoIdempotency on moto', () => {
  // Two claims expecting the same state, made in turn: moto 5 does not lock an item across a conditional write (two
  // parallel claims both won in about one CI run in five under load), so on moto the condition is what is tested;
  // that DynamoDB evaluates it atomically is DynamoDB's guarantee.
  it('lets one of two claims expecting the same state of a fingerprint win', async () => {
    const claims = new DynamoClaimStore(clients.dynamo, tables.occurrences);
    const outcomes = [
      await claims.claim('fp-claim', null, 'a', '2026-01-01T00:00:00Z'),
      await claims.claim('fp-claim', null, 'b', '2026-01-01T00:00:00Z'),
    ];
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const claim = await claims.claimOf('fp-claim');
    expect(['a', 'b']).toContain(claim.openHealingId);
    const winner = claim.openHealingId as string;
    expect(await claims.claim('fp-claim', 'not-the-current', 'c', '2026-01-01T00:01:00Z')).toBe(false);
    expect(await claims.claim('fp-claim', winner, 'c', '2026-01-01T00:01:00Z')).toBe(true);
    expect(await claims.claimOf('fp-claim')).toMatchObject({ openHealingId: 'c', claimedAt: '2026-01-01T00:01:00Z' });
  });

  it('marks a key once, and treats an expired record as unseen', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const idem = new DynamoIdempotency(clients.dynamo, tables.processed, 60, () => now);
    expect(await idem.seen('ingest#m1')).toBe(false);
    const marks = [await idem.mark('ingest#m1'), await idem.mark('ingest#m1')]; // in turn on moto, as above
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect(await idem.seen('ingest#m1')).toBe(true);
    now = new Date('2026-01-01T00:02:00Z');
    expect(await idem.seen('ingest#m1')).toBe(false);
    expect(await idem.mark('ingest#m1')).toBe(true);
  });
});
