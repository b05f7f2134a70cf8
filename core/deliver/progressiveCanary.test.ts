import { describe, expect, it } from 'vitest';
import { deliverProgressively, type ProgressiveDeps } from './progressiveDelivery.ts';
import { HealingStoreObservation } from './progressiveObservation.ts';
import { type CanaryStep, progressivePolicy } from './progressivePlan.ts';
import { approvedHealing, FakeClock, freshStore, history, MemoryTarget, occur, stream } from './progressiveTestKit.ts';

/**
 * The canary judgement against the traffic still on the old version (progressiveJudge.ts), on a fake clock: the
 * default plan (10 % → 50 % → 100 %, five-minute bakes, polls every 15 s), the healed error at 10 a minute before
 * the delivery unless a test says otherwise.
 */
const MINUTE = 60_000;
const DEFAULT_PLAN: CanaryStep[] = [
  { weight: 10, bakeMs: 5 * MINUTE },
  { weight: 50, bakeMs: 5 * MINUTE },
  { weight: 100, bakeMs: 0 },
];

async function setup(perMinuteBefore: number | null, steps = DEFAULT_PLAN) {
  const clock = new FakeClock();
  const store = freshStore(clock);
  if (perMinuteBefore !== null) await history(store, clock, perMinuteBefore, 10);
  const target = new MemoryTarget();
  const deps: ProgressiveDeps = {
    target,
    observation: new HealingStoreObservation(store, clock.now),
    mayContinue: async () => ({ admitted: true }),
    policy: progressivePolicy({ steps, pollMs: 15_000 }),
    now: clock.now,
    sleep: clock.sleep,
  };
  const recorder = await approvedHealing(store, clock);
  const steps_ = () =>
    recorder.events.filter((e) => e.type === 'delivery-step').map((e) => e.data as Record<string, unknown>);
  return { clock, store, target, deps, recorder, steps: steps_ };
}

describe('a canary judged against the old version still serving', () => {
  it('promotes a fix while the old version keeps erroring at its rate on its 90 %, then its 50 %', async () => {
    const { clock, store, target, deps, recorder, steps } = await setup(10);
    stream(store, clock, 9, 0, 5 * MINUTE); // 10 a minute × the old version's 90 %
    stream(store, clock, 5, 5 * MINUTE, 10 * MINUTE); // × its 50 %
    const outcome = await deliverProgressively(recorder, deps);
    expect(outcome).toEqual({ outcome: 'delivered', from: '1', to: '2' });
    expect(target.calls).toEqual(['publish 2', 'shift 2 10', 'shift 2 50', 'promote 2']);
    // The baseline: 100 occurrences after the first, over the 10 min + 1 s since it (9.98 a minute).
    expect(recorder.events.find((e) => e.type === 'delivery-started')?.data).toMatchObject({
      baseline: { occurrences: 100, spanMs: 601_000 },
    });
    const [ten, fifty, all] = steps();
    expect(ten).toMatchObject({ outcome: 'successful', healedOccurrences: 45, bound: 67, observedMs: 5 * MINUTE });
    expect(ten?.['expectedFromOld']).toBeCloseTo(44.93, 2);
    expect(fifty).toMatchObject({ outcome: 'successful', healedOccurrences: 25, bound: 42 });
    expect(all).toMatchObject({ weight: 100, outcome: 'successful' });
  });

  it('rolls back a fix that does nothing at the first step with enough evidence: 50 %, before its bake ends', async () => {
    const { clock, store, target, deps, recorder, steps } = await setup(10);
    stream(store, clock, 10, 0, 10 * MINUTE); // the rate unchanged, whatever the weight
    const outcome = await deliverProgressively(recorder, deps);
    expect(outcome).toMatchObject({ outcome: 'rolled-back', from: '1', to: '2' });
    expect(target.calls).toEqual(['publish 2', 'shift 2 10', 'shift 2 50', 'rollback 1']);
    const [ten, fifty] = steps();
    // 50 at 10 %: within the 67 the old version's 90 % explains (the patched 10 % adds only ~5).
    expect(ten).toMatchObject({ outcome: 'successful', healedOccurrences: 50, bound: 67 });
    expect(fifty).toMatchObject({ outcome: 'failed' });
    expect(Number(fifty?.['healedOccurrences'])).toBeGreaterThan(Number(fifty?.['bound']));
    expect(String(fifty?.['why'])).toMatch(/more than the \d+ the old version's 50 % explains/);
    // Judged as soon as the count left the bound (~3 min at 10 a minute against 5 a minute), not after 5 min.
    expect(Number(fifty?.['observedMs'])).toBeLessThan(4 * MINUTE);
  });

  it('pauses at 10 % without a baseline: silence from a patched share that would show nothing proves nothing', async () => {
    const { target, deps, recorder, steps } = await setup(null);
    const outcome = await deliverProgressively(recorder, deps);
    expect(outcome).toMatchObject({ outcome: 'paused', weight: 10 });
    expect(recorder.state).toBe('delivery-paused');
    expect(target.state).toEqual({ stable: '1', canary: '2', weight: 10 });
    expect(steps()).toMatchObject([{ weight: 10, outcome: 'inconclusive', expectedFromPatched: 0 }]);
    expect(String(steps()[0]?.['why'])).toMatch(/too little evidence to judge the fix: no baseline/);
  });

  it('pauses an error too rare for the step: 1 a minute shows 0.5 at 10 % in five minutes', async () => {
    const { deps, recorder, steps } = await setup(1);
    expect(await deliverProgressively(recorder, deps)).toMatchObject({ outcome: 'paused', weight: 10 });
    expect(steps()[0]?.['expectedFromPatched']).toBeCloseTo(0.5, 2);
  });

  it('at 100 %, forgives a recurrence in the grace period and fails one after it', async () => {
    const plan = [
      { weight: 50, bakeMs: 5 * MINUTE },
      { weight: 100, bakeMs: 2 * MINUTE },
    ];
    const early = await setup(10, plan);
    stream(early.store, early.clock, 5, 0, 5 * MINUTE);
    early.clock.at(5 * MINUTE + 10_000, () => occur(early.store, early.clock, 'fp-healed')); // 10 s after promotion
    expect(await deliverProgressively(early.recorder, early.deps)).toMatchObject({ outcome: 'delivered' });
    expect(early.steps()[1]).toMatchObject({ weight: 100, healedOccurrences: 0, observedMs: 90_000 });

    const late = await setup(10, plan);
    stream(late.store, late.clock, 5, 0, 5 * MINUTE);
    late.clock.at(5 * MINUTE + 40_000, () => occur(late.store, late.clock, 'fp-healed')); // 40 s after it
    expect(await deliverProgressively(late.recorder, late.deps)).toMatchObject({ outcome: 'rolled-back' });
    expect(late.steps()[1]).toMatchObject({ weight: 100, outcome: 'failed', healedOccurrences: 1 });
    expect(late.target.calls.at(-1)).toBe('rollback 1');
  });
});
