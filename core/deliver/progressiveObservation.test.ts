import { describe, expect, it } from 'vitest';
import { HealingStoreObservation } from './progressiveObservation.ts';
import { FakeClock, freshStore, occur } from './progressiveTestKit.ts';

describe('HealingStoreObservation', () => {
  it('counts occurrences since a time from a reading taken at or before it', async () => {
    const clock = new FakeClock();
    const store = freshStore(clock);
    const observation = new HealingStoreObservation(store, clock.now);
    for (let i = 0; i < 3; i++) await occur(store, clock, 'fp');
    await clock.sleep(1_000);
    const since = clock.now();
    expect(await observation.occurrencesSince('fp', since)).toBe(0);
    await clock.sleep(1_000);
    for (let i = 0; i < 4; i++) await occur(store, clock, 'fp');
    expect(await observation.occurrencesSince('fp', since)).toBe(4);
    // Without a reading from before `since`, any occurrence since is at least one.
    expect(await new HealingStoreObservation(store, clock.now).occurrencesSince('fp', since)).toBe(1);
    expect(await observation.occurrencesSince('unknown', since)).toBe(0);
  });

  it('reads the baseline from the hourly buckets, from the first occurrence when it falls in the look-back', async () => {
    const clock = new FakeClock('2026-01-01T00:30:00.000Z');
    const store = freshStore(clock);
    const observation = new HealingStoreObservation(store, clock.now);
    const until = clock.now();
    expect(await observation.baselineBefore('fp', until, 3_600_000)).toBeNull();
    // Three at 22:10 (outside the look-back's hours), then one every 10 minutes from 23:05 to 00:25.
    for (const at of ['22:10', '22:11', '22:12'])
      await store.recordOccurrence('fp', `2025-12-31T${at}:00.000Z`, {}, {});
    const recent = ['2025-12-31T23:05', '2025-12-31T23:15', '2025-12-31T23:25', '2025-12-31T23:35'];
    recent.push('2025-12-31T23:45', '2025-12-31T23:55', '2026-01-01T00:05', '2026-01-01T00:15', '2026-01-01T00:25');
    for (const at of recent) await store.recordOccurrence('fp', `${at}:00.000Z`, {}, {});
    // One hour back is 23:30: the look-back rounds out to 23:00, so 9 occurrences over 90 minutes.
    expect(await observation.baselineBefore('fp', until, 3_600_000)).toEqual({ occurrences: 9, spanMs: 5_400_000 });
    // Three hours back reaches 21:00, before the first occurrence (22:10): it alone does not count, over 140 min.
    expect(await observation.baselineBefore('fp', until, 3 * 3_600_000)).toEqual({
      occurrences: 11,
      spanMs: 140 * 60_000,
    });
  });

  it("tells the service's new fingerprints from its known ones that recur, and ignores other services", async () => {
    const clock = new FakeClock();
    const store = freshStore(clock);
    const observation = new HealingStoreObservation(store, clock.now);
    await occur(store, clock, 'known');
    await occur(store, clock, 'quiet');
    await occur(store, clock, 'healed');
    await clock.sleep(1_000);
    const since = clock.now();
    await occur(store, clock, 'known');
    await occur(store, clock, 'healed');
    await occur(store, clock, 'fresh');
    await occur(store, clock, 'elsewhere', 'billing');
    expect(await observation.newFingerprintsSince('orders', since)).toEqual(['fresh']);
    expect(await observation.otherFingerprintsSince('orders', since, 'healed')).toEqual(['known']);
    expect(await observation.newFingerprintsSince('billing', since)).toEqual(['elsewhere']);
  });
});
