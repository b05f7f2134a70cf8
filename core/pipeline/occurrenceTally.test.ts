import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../plugins/index.ts';
import { buildGroupEvents, groupByStream } from './ingestGroups.ts';
import { hourBucketFor, hourKey, mergeHourly, oldestKeptHour } from './occurrenceHours.ts';
import { tallyByFingerprint, tallyOfOne } from './occurrenceTally.ts';

const LOG = readFileSync(new URL('../../examples/orders-service/logs/crash.log', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const registry = createRegistry();
const now = new Date('2026-11-24T12:30:00Z');

describe('hourly occurrence buckets', () => {
  it('keys an instant by its UTC hour and keeps the current hour and the 47 before it', () => {
    expect(hourKey(new Date('2026-11-24T12:59:59.999+02:00'))).toBe('2026-11-24T10');
    expect(oldestKeptHour(now)).toBe('2026-11-22T13');
    expect(hourBucketFor('2026-11-22T13:00:00Z', now)).toBe('2026-11-22T13');
    expect(hourBucketFor('2026-11-22T12:59:59.999Z', now)).toBeNull();
    expect(hourBucketFor('2026-11-24T12:10:00Z', now)).toBe('2026-11-24T12');
    // An application clock running ahead lands in the current hour, not in the future.
    expect(hourBucketFor('2026-11-24T15:00:00Z', now)).toBe('2026-11-24T12');
  });

  it('adds buckets and drops the hours that left the window', () => {
    const stored = { '2026-11-22T12': 4, '2026-11-22T13': 1, '2026-11-24T12': 2 };
    expect(mergeHourly(stored, { '2026-11-24T12': 3, '2026-11-24T11': 1 }, now)).toEqual({
      '2026-11-22T13': 1,
      '2026-11-24T11': 1,
      '2026-11-24T12': 5,
    });
  });
});

describe('tallyByFingerprint', () => {
  it('folds the events of every stream into one tally per fingerprint, first event first', () => {
    // The demo log was written 2026-11-24 20:46 UTC; its uncaught report has no timestamp (stamped `at`).
    const at = new Date('2026-11-25T00:10:00Z');
    const half = Math.floor(LOG.length / 2);
    const groups = groupByStream([
      { messageId: 'a', sentAt: 1, lines: LOG.slice(0, half), service: 'orders', stream: 's1' },
      { messageId: 'b', sentAt: 1, lines: LOG, service: 'orders', stream: 's2' },
    ]).map((g) => buildGroupEvents(g, { registry, environment: 'test', now: () => at }));
    const all = groups.flat();
    const batches = tallyByFingerprint(groups, at);
    expect(batches.length).toBeGreaterThanOrEqual(2);
    for (const b of batches) {
      const mine = all.filter((e) => e.event.fingerprint === b.tally.fingerprint);
      expect(b.tally.count).toBe(mine.length);
      expect(b.first).toBe(mine[0]);
      expect(b.tally.sample).toBe(mine[0]?.event);
      const times = mine.map((e) => e.event.timestamp).sort();
      expect([b.tally.firstAt, b.tally.lastAt]).toEqual([times[0], times.at(-1)]);
      expect(Object.values(b.tally.hourly).reduce((x, y) => x + y, 0)).toBe(mine.length);
      expect(Object.keys(b.tally.hourly).sort()).toEqual([...new Set(times.map((t) => hourKey(new Date(t))))]);
      expect(b.groups).toEqual(
        [0, 1].filter((i) => groups[i]?.some((e) => e.event.fingerprint === b.tally.fingerprint)),
      );
    }
    expect(batches.reduce((n, b) => n + b.tally.count, 0)).toBe(all.length);
  });

  it('counts an event older than the window in the total only', () => {
    expect(tallyOfOne('fp', '2026-11-01T00:00:00Z', null, null, now)).toMatchObject({ count: 1, hourly: {} });
  });
});
