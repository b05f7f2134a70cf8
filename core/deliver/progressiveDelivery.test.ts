import { describe, expect, it } from 'vitest';
import { deriveState } from '../workflow/healingWorkflow.ts';
import { deliverProgressively, type ProgressiveDeps, resumeDelivery, rollBackDelivery } from './progressiveDelivery.ts';
import { HealingStoreObservation } from './progressiveObservation.ts';
import { progressivePolicy } from './progressivePlan.ts';
import {
  type ContinueDecision,
  DeliveryStateError,
  DeliveryTargetError,
  type Observation,
} from './progressivePorts.ts';
import { approvedHealing, FakeClock, freshStore, history, MemoryTarget, occur } from './progressiveTestKit.ts';

const STEPS = [
  { weight: 10, bakeMs: 60_000 },
  { weight: 50, bakeMs: 60_000 },
  { weight: 100, bakeMs: 0 },
];

/**
 * The healed error occurred 12 times a minute for the ten minutes before the delivery (`baseline: false`: never):
 * at 10 % for a minute the patched share would show 1.2 occurrences if the fix did nothing, enough to judge the step.
 */
async function setup(options: { weighted?: boolean; otherErrors?: 'pause' | 'ignore'; baseline?: boolean } = {}) {
  const clock = new FakeClock();
  const store = freshStore(clock);
  if (options.baseline ?? true) await history(store, clock, 12, 10);
  const target = new MemoryTarget(options.weighted ?? true);
  let decision: ContinueDecision = { admitted: true };
  const deps: ProgressiveDeps = {
    target,
    observation: new HealingStoreObservation(store, clock.now),
    mayContinue: async () => decision,
    policy: progressivePolicy({ steps: STEPS, pollMs: 10_000, otherErrors: options.otherErrors ?? 'pause' }),
    now: clock.now,
    sleep: clock.sleep,
  };
  const stop = (limit: string, detail: string) => {
    decision = { admitted: false, limit, detail };
  };
  return { clock, store, target, deps, stop };
}

const typesOf = (events: readonly { type: string }[]) => events.map((e) => e.type).slice(6);
const stepsOf = (events: readonly { type: string; data: Record<string, unknown> }[]) =>
  events.filter((e) => e.type === 'delivery-step').map((e) => [e.data['weight'], e.data['outcome']]);

describe('deliverProgressively', () => {
  it('walks 10 % → 50 % → 100 % on a clean run and records every step', async () => {
    const { clock, store, target, deps } = await setup();
    const recorder = await approvedHealing(store, clock);
    const started = clock.now().getTime();
    const outcome = await deliverProgressively(recorder, deps);
    expect(outcome).toEqual({ outcome: 'delivered', from: '1', to: '2' });
    expect(target.calls).toEqual(['publish 2', 'shift 2 10', 'shift 2 50', 'promote 2']);
    expect(target.state).toEqual({ stable: '2', canary: null, weight: 0 });
    expect(typesOf(recorder.events)).toEqual([
      'delivery-started',
      'delivery-step',
      'delivery-step',
      'delivery-step',
      'delivered',
    ]);
    expect(stepsOf(recorder.events)).toEqual([
      [10, 'successful'],
      [50, 'successful'],
      [100, 'successful'],
    ]);
    expect(recorder.events[6]?.data).toMatchObject({ target: 'memory:orders:live', from: '1', to: '2', steps: STEPS });
    // Both canary steps baked their full minute.
    expect(clock.now().getTime() - started).toBe(120_000);
    expect(deriveState(await store.events('h-1'))).toBe('delivered');
  });

  it('rolls back when the healed fingerprint recurs beyond the old share during the 50 % bake, without waiting', async () => {
    const { clock, store, target, deps } = await setup();
    const recorder = await approvedHealing(store, clock);
    // 20 s into the 50 % step: 12 occurrences, where the old version's half explains 12 × 0.5 / 3 ≈ 2 (bound 8).
    clock.at(80_000, async () => {
      for (let i = 0; i < 12; i++) await occur(store, clock, 'fp-healed');
    });
    const outcome = await deliverProgressively(recorder, deps);
    expect(outcome).toMatchObject({ outcome: 'rolled-back', from: '1', to: '2' });
    expect(target.calls).toEqual(['publish 2', 'shift 2 10', 'shift 2 50', 'rollback 1']);
    expect(target.state).toEqual({ stable: '1', canary: null, weight: 0 });
    expect(stepsOf(recorder.events)).toEqual([
      [10, 'successful'],
      [50, 'failed'],
    ]);
    const failed = recorder.events.findLast((e) => e.type === 'delivery-step');
    expect(failed?.data).toMatchObject({ healedOccurrences: 12, bound: 8, bakeMs: 60_000, newFingerprints: [] });
    expect(recorder.events.at(-1)).toMatchObject({ type: 'rolled-back', data: { to: '1', from: '2' } });
    // Judged at the first poll after the occurrences (80 s), not at the end of the bake (120 s).
    expect(clock.now().getTime() - Date.parse('2026-01-01T00:00:00.000Z')).toBe(80_000);
    expect(recorder.state).toBe('rolled-back');
  });

  it('rolls back on a fingerprint of the same service never seen before', async () => {
    const { clock, store, target, deps } = await setup();
    const recorder = await approvedHealing(store, clock);
    await occur(store, clock, 'fp-other-service-new', 'billing'); // another service: not evidence
    await clock.sleep(1_000);
    clock.at(10_000, () => occur(store, clock, 'fp-brand-new'));
    const outcome = await deliverProgressively(recorder, deps);
    expect(outcome.outcome).toBe('rolled-back');
    expect(target.calls.at(-1)).toBe('rollback 1');
    expect(recorder.events.find((e) => e.type === 'delivery-step')?.data).toMatchObject({
      weight: 10,
      outcome: 'failed',
      newFingerprints: ['fp-brand-new'],
    });
  });

  it('pauses on known errors of the service, and a person resumes it to the end', async () => {
    const { clock, store, target, deps } = await setup();
    const recorder = await approvedHealing(store, clock);
    await occur(store, clock, 'fp-known');
    await clock.sleep(1_000);
    clock.at(70_000, () => occur(store, clock, 'fp-known'));
    const paused = await deliverProgressively(recorder, deps);
    expect(paused).toMatchObject({ outcome: 'paused', weight: 50 });
    expect(recorder.state).toBe('delivery-paused');
    expect(target.state).toEqual({ stable: '1', canary: '2', weight: 50 });
    expect(recorder.events.findLast((e) => e.type === 'delivery-step')?.data).toMatchObject({
      outcome: 'inconclusive',
      otherFingerprints: ['fp-known'],
    });
    await expect(deliverProgressively(recorder, deps)).rejects.toThrow(DeliveryStateError);

    const resumed = await resumeDelivery(recorder, deps, { actor: 'alice', reason: 'known flaky upstream' });
    expect(resumed).toEqual({ outcome: 'delivered', from: '1', to: '2' });
    expect(target.calls.slice(-1)).toEqual(['promote 2']);
    const resume = recorder.events.find((e) => e.type === 'delivery-resumed');
    expect(resume).toMatchObject({ actor: 'alice', reason: 'known flaky upstream', data: { weight: 50 } });
  });

  it('lets known errors pass with otherErrors: ignore', async () => {
    const { clock, store, deps } = await setup({ otherErrors: 'ignore' });
    const recorder = await approvedHealing(store, clock);
    await occur(store, clock, 'fp-known');
    await clock.sleep(1_000);
    clock.at(70_000, () => occur(store, clock, 'fp-known'));
    expect((await deliverProgressively(recorder, deps)).outcome).toBe('delivered');
  });

  it('pauses when the observation cannot be read: silence from a dead store proves nothing', async () => {
    const { clock, store, target, deps } = await setup();
    const recorder = await approvedHealing(store, clock);
    const unreachable: Observation = {
      baselineBefore: async () => {
        throw new Error('connect ECONNREFUSED');
      },
      occurrencesSince: async () => {
        throw new Error('connect ECONNREFUSED');
      },
      newFingerprintsSince: async () => [],
      otherFingerprintsSince: async () => [],
    };
    const outcome = await deliverProgressively(recorder, { ...deps, observation: unreachable });
    expect(outcome).toMatchObject({ outcome: 'paused', weight: 10 });
    expect(target.state.weight).toBe(10);
    expect(recorder.events.at(-2)?.data).toMatchObject({
      outcome: 'inconclusive',
      unreadable: 'Error: connect ECONNREFUSED',
    });
    // A person can also end it: traffic back to the previous version.
    await rollBackDelivery(recorder, target, { actor: 'bob', reason: 'store outage, retry later' });
    expect(target.state).toEqual({ stable: '1', canary: null, weight: 0 });
    expect(recorder.events.at(-1)).toMatchObject({ type: 'rolled-back', actor: 'bob', data: { to: '1' } });
  });

  it('halts on the kill switch during a canary: delivery-held, then rolled back to the previous version', async () => {
    const { clock, store, target, deps, stop } = await setup();
    const recorder = await approvedHealing(store, clock);
    clock.at(30_000, async () => stop('kill-switch', 'turned on by ops: incident 42'));
    const outcome = await deliverProgressively(recorder, deps);
    expect(outcome).toEqual({
      outcome: 'held',
      limit: 'kill-switch',
      detail: 'turned on by ops: incident 42',
      from: '1',
      to: '2',
    });
    expect(target.calls).toEqual(['publish 2', 'shift 2 10', 'rollback 1']);
    expect(typesOf(recorder.events)).toEqual(['delivery-started', 'delivery-step', 'delivery-held', 'rolled-back']);
    expect(recorder.events.at(-2)?.data).toMatchObject({ limit: 'kill-switch', weight: 10 });
    expect(recorder.events.at(-3)?.data).toMatchObject({ outcome: 'held' });
  });

  it('publishes nothing when the kill switch is already on', async () => {
    const { clock, store, target, deps, stop } = await setup();
    const recorder = await approvedHealing(store, clock);
    stop('kill-switch', 'on');
    expect((await deliverProgressively(recorder, deps)).outcome).toBe('held');
    expect(target.calls).toEqual([]);
    expect(typesOf(recorder.events)).toEqual(['delivery-held']);
    expect(recorder.state).toBe('awaiting-approval');
  });

  it('gives a target without weighted routing one 100 % step that bakes as long as the longest step', async () => {
    const { clock, store, target, deps } = await setup({ weighted: false });
    const recorder = await approvedHealing(store, clock);
    target.failure = null;
    clock.at(45_000, async () => {
      target.failure = 'circuit breaker: 3 tasks failed to start';
    });
    const outcome = await deliverProgressively(recorder, deps);
    expect(target.calls).toEqual(['publish 2', 'promote 2', 'rollback 1']);
    expect(outcome).toMatchObject({ outcome: 'rolled-back', why: expect.stringContaining('circuit breaker') });
    expect(recorder.events[6]?.data['steps']).toEqual([{ weight: 100, bakeMs: 60_000 }]);
  });

  it('rolls back when the target refuses a shift', async () => {
    const { clock, store, target, deps } = await setup();
    const recorder = await approvedHealing(store, clock);
    target.shift = async () => {
      throw new Error('ResourceConflictException');
    };
    const outcome = await deliverProgressively(recorder, deps);
    expect(outcome).toMatchObject({
      outcome: 'rolled-back',
      why: 'the target refused 10 %: ResourceConflictException',
    });
    expect(target.state.stable).toBe('1');
  });

  it('escalates when the target refuses the rollback: the new version serves and nobody watches it', async () => {
    // No baseline: the old version explains no occurrence, and the first one fails the 10 % step.
    const { clock, store, target, deps } = await setup({ baseline: false });
    const recorder = await approvedHealing(store, clock);
    await clock.sleep(1_000);
    clock.at(5_000, () => occur(store, clock, 'fp-healed'));
    target.rollback = async () => {
      throw new Error('AccessDeniedException');
    };
    await expect(deliverProgressively(recorder, deps)).rejects.toThrow(DeliveryTargetError);
    expect(recorder.events.at(-1)).toMatchObject({
      type: 'escalated',
      data: { reason: 'rollback-failed', to: '1', from: '2', error: 'AccessDeniedException' },
    });
    expect(recorder.state).toBe('delivering');
  });
});
