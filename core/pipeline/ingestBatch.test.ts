import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { createRegistry } from '../../plugins/index.ts';
import type { HealingEvent } from '../workflow/healingWorkflow.ts';
import type { HealingClaim } from './healingStart.ts';
import { type BatchIngestDeps, ingestRecords } from './ingestBatch.ts';
import type { IngestRecord } from './ingestGroups.ts';
import type { OccurrenceTally } from './occurrenceTally.ts';
import type { BatchIdempotency, ClaimStore, OccurrenceCounter, RecentFingerprints } from './pipelinePorts.ts';
import { busyWindowMs } from './recentSkip.ts';

// Fakes of the store ports (unit tests); the DynamoDB and Redis adapters are tested against real servers in
// test/pipeline/adapters/.
const LOG = readFileSync(new URL('../../examples/orders-service/logs/crash.log', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const INFO = LOG.filter((l) => l.includes('"level":30'));
const PERCENT = LOG.find((l) => l.includes('"level":50') && l.includes("reading 'percent'")) as string;
const registry = createRegistry();
const policy = { cooldownMs: 3_600_000, claimStaleMs: 60_000 };

class MemoryOccurrences implements OccurrenceCounter, ClaimStore {
  readonly items = new Map<string, { count: number; claim: HealingClaim }>();
  adds = 0;
  failFor: string | null = null;
  async add(tally: OccurrenceTally) {
    this.adds++;
    if (tally.fingerprint === this.failFor) throw new Error('write failed');
    const item = this.items.get(tally.fingerprint) ?? {
      count: 0,
      claim: { openHealingId: null, claimedAt: null, cooldownUntil: null },
    };
    item.count += tally.count;
    this.items.set(tally.fingerprint, item);
    const occurrence = { fingerprint: tally.fingerprint, count: item.count, firstSeen: '', lastSeen: '', parts: null };
    return { occurrence: { ...occurrence, sample: null }, claim: { ...item.claim } };
  }
  async claimOf(fingerprint: string) {
    return { ...(this.items.get(fingerprint)?.claim ?? { openHealingId: null, claimedAt: null, cooldownUntil: null }) };
  }
  async claim(fingerprint: string, expected: string | null, healingId: string, at: string) {
    const item = this.items.get(fingerprint);
    if (!item || item.claim.openHealingId !== expected) return false;
    item.claim = { ...item.claim, openHealingId: healingId, claimedAt: at };
    return true;
  }
}

class MemoryIdempotency implements BatchIdempotency {
  readonly keys = new Set<string>();
  calls = 0;
  async seen(key: string) {
    return this.keys.has(key);
  }
  async mark(key: string) {
    const fresh = !this.keys.has(key);
    this.keys.add(key);
    return fresh;
  }
  async seenMany(keys: readonly string[]) {
    this.calls++;
    return new Set(keys.filter((k) => this.keys.has(k)));
  }
  async markMany(keys: readonly string[]) {
    this.calls++;
    for (const k of keys) this.keys.add(k);
  }
}

class MemoryRecent implements RecentFingerprints {
  readonly entries = new Map<string, { id: string; until: number }>();
  down = false;
  constructor(private readonly clock: () => number) {}
  async busyHealingOf(fp: string) {
    const e = this.entries.get(fp);
    return !this.down && e && e.until > this.clock() ? e.id : null;
  }
  async rememberBusy(fp: string, id: string, forMs: number) {
    if (!this.down) this.entries.set(fp, { id, until: this.clock() + forMs });
  }
}

class CountingStore extends SqliteHealingStore {
  reads = 0;
  override async events(healingId: string): Promise<HealingEvent[]> {
    this.reads++;
    return super.events(healingId);
  }
}

function setup(options: { recent?: boolean } = {}) {
  let t = Date.parse('2026-11-24T21:00:00Z');
  const store = new CountingStore(':memory:');
  const occurrences = new MemoryOccurrences();
  const idem = new MemoryIdempotency();
  const recent = options.recent ? new MemoryRecent(() => t) : null;
  const sent: string[] = [];
  let ids = 0;
  const deps: BatchIngestDeps = {
    store,
    claims: occurrences,
    occurrences,
    idempotency: idem,
    messages: idem,
    messageKey: (id) => `ingest#msg#${id}`,
    recent,
    registry,
    environment: 'test',
    policy,
    sendAnalyze: async (id) => {
      sent.push(id);
    },
    newId: () => `h${++ids}`,
    now: () => new Date(t),
  };
  return { deps, store, occurrences, idem, recent, sent, tick: (ms: number) => (t += ms) };
}

let nextId = 0;
const message = (lines: string[], stream = 's1'): IngestRecord => ({
  messageId: `m${++nextId}`,
  sentAt: nextId,
  lines,
  service: 'orders',
  stream,
});
const storm = (messages: number, stream = 's1') => Array.from({ length: messages }, () => message([PERCENT], stream));

describe('ingestRecords', () => {
  it('touches no store for a batch without an error event, and acknowledges it', async () => {
    const { deps, occurrences, idem, store } = setup();
    const batch = INFO.slice(0, 10).map((l) => message([l]));
    const result = await ingestRecords(batch, deps);
    expect([...result.messages.values()]).toEqual(batch.map(() => ({ status: 'processed', events: 0 })));
    expect([occurrences.adds, idem.calls, store.reads]).toEqual([0, 0, 0]);
  });

  it('counts a storm of one error with one write per batch and starts one healing', async () => {
    const { deps, occurrences, idem, sent } = setup();
    const first = await ingestRecords([...storm(9), message([INFO[0] as string])], deps);
    expect(first.fingerprints).toHaveLength(1);
    expect(first.fingerprints[0]).toMatchObject({
      added: 9,
      occurrences: 9,
      healingId: 'h1',
      reason: 'started a healing',
    });
    expect([occurrences.adds, idem.calls]).toEqual([1, 2]); // one count write; one read + one write of message ids
    const second = await ingestRecords(storm(10), deps);
    expect(second.fingerprints[0]).toMatchObject({ added: 10, occurrences: 19, healingId: null });
    expect(sent).toEqual(['h1']);
    expect(occurrences.adds).toBe(2);
  });

  it('drops messages already ingested and reads the rest of the batch without them', async () => {
    const { deps, occurrences } = setup();
    const batch = storm(4);
    await ingestRecords(batch, deps);
    const again = await ingestRecords([...batch.slice(2), ...storm(3)], deps);
    expect(batch.slice(2).map((m) => again.messages.get(m.messageId))).toEqual([
      { status: 'duplicate' },
      { status: 'duplicate' },
    ]);
    expect(again.fingerprints[0]).toMatchObject({ added: 3, occurrences: 7 });
    expect([...occurrences.items.values()][0]?.count).toBe(7);
    const redelivered = await ingestRecords(batch, deps);
    expect([...redelivered.messages.values()].every((r) => r.status === 'duplicate')).toBe(true);
    expect([...occurrences.items.values()][0]?.count).toBe(7);
  });

  it('fails only the streams of a fingerprint whose write failed, and leaves them unrecorded', async () => {
    const { deps, occurrences, idem } = setup();
    const fp = (await ingestRecords(storm(1, 'warm-up'), deps)).fingerprints[0]?.fingerprint as string;
    occurrences.failFor = fp;
    const bad = storm(2, 'a');
    const good = INFO.slice(0, 2).map((l) => message([l], 'b'));
    const result = await ingestRecords([...bad, ...good], deps);
    expect(bad.map((m) => result.messages.get(m.messageId)?.status)).toEqual(['failed', 'failed']);
    expect(good.map((m) => result.messages.get(m.messageId)?.status)).toEqual(['processed', 'processed']);
    expect(bad.some((m) => idem.keys.has(`ingest#msg#${m.messageId}`))).toBe(false);
    expect(good.every((m) => idem.keys.has(`ingest#msg#${m.messageId}`))).toBe(true);
  });

  it('hands a detected healing to analyze again when its hand-off was not recorded, and does not remember it', async () => {
    const { deps, sent, recent, store } = setup({ recent: true });
    let failSend = true;
    deps.sendAnalyze = async (id) => {
      if (failSend) throw new Error('queue unavailable');
      sent.push(id);
    };
    const batch = storm(3);
    const first = await ingestRecords(batch, deps);
    expect([...first.messages.values()].every((r) => r.status === 'failed')).toBe(true);
    failSend = false;
    const retried = await ingestRecords(batch, deps);
    expect(retried.fingerprints[0]).toMatchObject({ healingId: 'h1' });
    expect(retried.fingerprints[0]?.reason).toContain('again');
    expect(sent).toEqual(['h1']);
    expect(recent?.entries.size).toBe(0);
    const reads = store.reads;
    await ingestRecords(storm(1), deps); // hand-off recorded now: skipped and remembered
    await ingestRecords(storm(1), deps); // remembered: no lookup
    expect(store.reads - reads).toBe(1);
    expect(sent).toEqual(['h1']);
  });

  it('with the busy memory reads the healing once per window, and decides the same without it', async () => {
    const runs = [];
    for (const mode of ['none', 'redis', 'redis-down'] as const) {
      const env = setup({ recent: mode !== 'none' });
      if (env.recent) env.recent.down = mode === 'redis-down';
      const outcomes = [];
      for (let i = 0; i < 12; i++) {
        outcomes.push(...(await ingestRecords(storm(10), env.deps)).fingerprints);
        env.tick(1_000);
      }
      runs.push({ mode, reads: env.store.reads, outcomes, sent: env.sent });
    }
    const [none, redis, down] = runs;
    // 12 batches, 1 s apart. The first opens the healing (one read by the recorder); without memory every later
    // batch reads the healing (11); with it, one read per 10 s window (batches 2 and 12).
    expect([none?.reads, redis?.reads, down?.reads]).toEqual([12, 3, 12]);
    const decisions = (r: typeof none) => r?.outcomes.map((o) => [o.occurrences, o.healingId]);
    expect(decisions(redis)).toEqual(decisions(none));
    expect(decisions(down)).toEqual(decisions(none));
    expect(none?.outcomes.at(-1)?.occurrences).toBe(120);
    expect([none?.sent, redis?.sent, down?.sent]).toEqual([['h1'], ['h1'], ['h1']]);
  });
});

describe('busyWindowMs', () => {
  const claim = { openHealingId: 'h1', claimedAt: '2026-11-24T20:00:00Z', cooldownUntil: null };
  const now = new Date('2026-11-24T21:00:00Z');
  it('remembers an open healing for the window, capped at half the cool-down', () => {
    const open = { state: 'analyzed' as const, updatedAt: '2026-11-24T20:59:00Z' };
    expect(busyWindowMs(claim, open, now, policy, 10_000)).toBe(10_000);
    expect(busyWindowMs(claim, open, now, { ...policy, cooldownMs: 4_000 }, 10_000)).toBe(2_000);
  });

  it('does not remember a healing being started or a cool-down or mute that ends within the window', () => {
    expect(busyWindowMs(claim, { state: null, updatedAt: null }, now, policy, 10_000)).toBe(0);
    const closed = { state: 'no-fix' as const, updatedAt: '2026-11-24T20:00:05Z' }; // cool-down ends 21:00:05
    expect(busyWindowMs(claim, closed, now, policy, 10_000)).toBe(0);
    expect(busyWindowMs(claim, closed, now, policy, 4_000)).toBe(4_000);
  });
});
