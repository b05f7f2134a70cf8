import { describe, expect, it } from 'vitest';
import { deliverProgressively } from './progressiveDelivery.ts';
import { HealingStoreObservation } from './progressiveObservation.ts';
import { progressivePolicy } from './progressivePlan.ts';
import { DeliveryStateError } from './progressivePorts.ts';
import { approvedHealing, FakeClock, freshStore, MemoryTarget, occur } from './progressiveTestKit.ts';
import { checkVerification, verifyDelivery } from './verification.ts';

async function delivered() {
  const clock = new FakeClock();
  const store = freshStore(clock);
  const target = new MemoryTarget();
  const observation = new HealingStoreObservation(store, clock.now);
  const recorder = await approvedHealing(store, clock);
  await occur(store, clock, 'fp-healed');
  await clock.sleep(1_000);
  const outcome = await deliverProgressively(recorder, {
    target,
    observation,
    mayContinue: async () => ({ admitted: true }),
    policy: progressivePolicy({ steps: [{ weight: 100, bakeMs: 0 }], pollMs: 1_000 }),
    now: clock.now,
    sleep: clock.sleep,
  });
  expect(outcome.outcome).toBe('delivered');
  const deps = { target, observation, windowMs: 600_000, pollMs: 60_000, now: clock.now, sleep: clock.sleep };
  return { clock, store, target, recorder, deps };
}

describe('verification after delivery', () => {
  it('verifies a fingerprint that stays silent for the whole window', async () => {
    const { clock, recorder, deps } = await delivered();
    await clock.sleep(300_000);
    expect(await checkVerification(recorder, deps)).toEqual({ outcome: 'pending', silentForMs: 300_000 });
    expect(recorder.state).toBe('delivered');
    expect(await verifyDelivery(recorder, deps)).toEqual({ outcome: 'verified', windowMs: 600_000 });
    expect(recorder.events.at(-1)).toMatchObject({
      type: 'verified',
      data: { windowMs: 600_000, silentForMs: 600_000 },
    });
    await expect(checkVerification(recorder, deps)).rejects.toThrow(DeliveryStateError);
  });

  it('forgives an occurrence in the grace period after all traffic moved: the old version was still finishing', async () => {
    const { clock, store, recorder, deps } = await delivered();
    clock.at(10_000, () => occur(store, clock, 'fp-healed')); // 10 s after the promotion, inside the 30 s grace
    const looks = { ...deps, pollMs: 5_000 }; // the fake clock records it at the look that passes 10 s
    expect(await verifyDelivery(recorder, looks)).toEqual({ outcome: 'verified', windowMs: 600_000 });
  });

  it('finds a recurring fix ineffective: rolls the target back and escalates the fingerprint', async () => {
    const { clock, store, target, recorder, deps } = await delivered();
    expect(target.state.stable).toBe('2');
    clock.at(250_000, () => occur(store, clock, 'fp-healed'));
    expect(await verifyDelivery(recorder, deps)).toEqual({ outcome: 'ineffective', occurrences: 1, rolledBackTo: '1' });
    expect(target.state).toEqual({ stable: '1', canary: null, weight: 0 });
    expect(recorder.events.slice(-3).map((e) => e.type)).toEqual(['ineffective', 'rolled-back', 'escalated']);
    expect(recorder.events.at(-2)?.data).toMatchObject({ to: '1', from: '2' });
    expect(recorder.events.at(-1)?.data).toMatchObject({ reason: 'ineffective', occurrences: 1 });
    expect(recorder.state).toBe('rolled-back');
  });
});
