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
