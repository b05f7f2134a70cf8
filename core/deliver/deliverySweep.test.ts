import { describe, expect, it } from 'vitest';
import { SqliteControlStore } from '../../embedded/sqliteControlStore.ts';
import { limitPolicyFor } from '../limits/limitPolicy.ts';
import type { HealingSummary } from '../workflow/healingStore.ts';
import { DEFAULT_ORPHAN_MARGIN_MS, type DeliverySetup, DeliverySweeper } from './deliverySweep.ts';
import { progressivePolicy } from './progressivePlan.ts';
import { DeliveryStateError } from './progressivePorts.ts';
import { approvedHealing, FakeClock, freshStore, MemoryTarget } from './progressiveTestKit.ts';

/** A target whose publish waits until the test releases it: a delivery that stays in flight. */
class BlockedTarget extends MemoryTarget {
  private release: () => void = () => {};
  private readonly gate = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  private entered: () => void = () => {};
  /** Resolves once the delivery reached publish (it passed the gate's checks). */
  readonly publishing = new Promise<void>((resolve) => {
    this.entered = resolve;
  });
  open(): void {
    this.release();
  }
  override async publish(): Promise<{ from: string; to: string }> {
    this.entered();
    await this.gate;
    return super.publish();
  }
}

function setup() {
  const clock = new FakeClock();
  const store = freshStore(clock);
  const control = new SqliteControlStore(':memory:');
  const targets = new Map<string, BlockedTarget>();
  const logs: string[] = [];
  const plan = {
    policy: progressivePolicy({ steps: [{ weight: 100, bakeMs: 1_000 }], pollMs: 500, graceMs: 0 }),
    verification: { windowMs: 60_000, pollMs: 500, graceMs: 0 },
  };
  const sweeper = new DeliverySweeper({
    store,
    control,
    limits: limitPolicyFor('development'),
    concurrency: 2,
    log: (level, message, fields) => logs.push(`${level} ${message} ${fields['healingId']}`),
    now: clock.now,
    sleep: clock.sleep,
    setupFor: async (healing: HealingSummary): Promise<DeliverySetup | null> => {
      if (healing.id === 'unregistered') return null;
      const target = targets.get(healing.id) ?? new BlockedTarget();
      targets.set(healing.id, target);
      return { target, plan };
    },
  });
  const approved = async (id: string) => {
    const recorder = await approvedHealing(store, clock, id);
    await recorder.record('approved', 'ok', {}, 'alice');
    return recorder;
  };
  return { clock, store, control, targets, logs, sweeper, approved };
}

describe('DeliverySweeper', () => {
  it('runs at most `concurrency` deliveries, never the same healing twice, and leaves the rest for later', async () => {
    const { store, targets, sweeper, approved } = setup();
    for (const id of ['h-1', 'h-2', 'h-3']) await approved(id);
    const first = await sweeper.sweep();
    expect(first.started).toHaveLength(2);
    expect(first.deferred).toHaveLength(1);
    // While both are in flight a second sweep starts nothing again.
    const second = await sweeper.sweep();
    expect(second.started).toEqual([]);
    expect(sweeper.inFlight.sort()).toEqual([...first.started].sort());
    for (const id of first.started) targets.get(id)?.open();
    await sweeper.settled();
    for (const id of first.started) expect((await store.events(id)).at(-1)?.type).toBe('delivered');
    const third = await sweeper.sweep();
    expect(third.started).toEqual(first.deferred);
    expect(third.verification.map((v) => v.outcome)).toEqual(['pending', 'pending']);
    targets.get(first.deferred[0]!)?.open();
    await sweeper.settled();
    expect(targets.get(first.deferred[0]!)?.calls).toEqual(['publish 2', 'promote 2']);
  });

  it('leaves healings without enough approvals, or whose service has no delivery, alone', async () => {
    const { clock, store, sweeper, approved } = setup();
    await approvedHealing(store, clock, 'waiting');
    await approved('unregistered');
    const report = await sweeper.sweep();
    expect(report).toEqual({ started: [], deferred: [], verification: [], orphaned: [], failed: [] });
    expect((await store.events('waiting')).at(-1)?.type).toBe('approval-requested');
  });

  it('holds and rolls back a delivery in flight when it is stopped, and starts no more', async () => {
    const { store, targets, sweeper, approved } = setup();
    await approved('h-1');
    expect((await sweeper.sweep()).started).toEqual(['h-1']);
    await targets.get('h-1')?.publishing;
    sweeper.stop();
    targets.get('h-1')?.open();
    await sweeper.settled();
    const events = await store.events('h-1');
    expect(events.slice(-3).map((e) => e.type)).toEqual(['delivery-started', 'delivery-held', 'rolled-back']);
    expect(events.at(-2)?.data).toMatchObject({ limit: 'orchestrator-stopping' });
    expect(targets.get('h-1')?.state).toEqual({ stable: '1', canary: null, weight: 0 });
    await approved('h-2');
    expect((await sweeper.sweep()).started).toEqual([]);
  });
});

describe('DeliverySweeper, deliveries a person steers', () => {
  const STEPS = [
    { weight: 10, bakeMs: 300_000 },
    { weight: 100, bakeMs: 1_000 },
  ];
  // 10 a minute before the delivery: enough for a 10 % step of 5 min to judge the fix (core/deliver/progressiveJudge).
  const BASELINE = { occurrences: 600, spanMs: 3_600_000 };
  const ref = { id: 'h-1', fingerprint: 'fp-healed', service: 'orders', category: 'null-reference' };

  /** A delivery another process started and left: published, 10 % shifted, `delivering`, nothing since. */
  async function leftDelivering(env: ReturnType<typeof setup>) {
    const recorder = await env.approved('h-1');
    const target = new BlockedTarget();
    target.open();
    env.targets.set('h-1', target);
    const { from, to } = await target.publish();
    await target.shift(from, to, 10);
    await recorder.record('delivery-started', `published ${to}`, {
      target: target.name,
      from,
      to,
      steps: STEPS,
      baseline: BASELINE,
    });
    return { recorder, target };
  }

  it('pauses a delivery no process has moved for longer than its plan allows, and not before', async () => {
    const env = setup();
    const { target } = await leftDelivering(env);
    // Allowed silence: the longest bake (300 s) + two polls (2 × 500 ms) + the margin (300 s).
    await env.clock.sleep(300_000 + 1_000 + DEFAULT_ORPHAN_MARGIN_MS);
    expect((await env.sweeper.sweep()).orphaned).toEqual([]);
    await env.clock.sleep(1_000);
    expect((await env.sweeper.sweep()).orphaned).toEqual(['h-1']);
    const paused = (await env.store.events('h-1')).at(-1);
    expect(paused).toMatchObject({
      type: 'delivery-paused',
      data: { orphaned: true, weight: 10, traffic: { stable: '1', canary: '2', weight: 10 } },
    });
    expect(paused?.reason).toMatch(/no orchestrator recorded progress for 602 s \(allowed 601 s\)/);
    expect(target.calls).toEqual(['publish 2', 'shift 2 10']); // the traffic was left as it was
    expect((await env.sweeper.sweep()).orphaned).toEqual([]);
  });

  it('resumes a paused delivery in the background: the steps run again from the unjudged one, to the end', async () => {
    const env = setup();
    const { target } = await leftDelivering(env);
    await env.clock.sleep(700_000);
    await env.sweeper.sweep();
    await env.sweeper.resume(ref, { actor: 'alice', reason: 'the old task died; go on' });
    expect((await env.store.events('h-1')).at(-1)).toMatchObject({
      type: 'delivery-resumed',
      actor: 'alice',
      reason: 'the old task died; go on',
    });
    await expect(env.sweeper.resume(ref, { actor: 'bob', reason: 'twice' })).rejects.toThrow(DeliveryStateError);
    await env.sweeper.settled();
    const types = (await env.store.events('h-1')).map((e) => e.type);
    expect(types.slice(-4)).toEqual(['delivery-resumed', 'delivery-step', 'delivery-step', 'delivered']);
    expect(target.calls.slice(2)).toEqual(['shift 2 10', 'promote 2']);
    expect(env.logs).toContain('info delivery delivered h-1');
  });

  it('refuses to resume while the kill switch is on; rolls a paused delivery back by hand', async () => {
    const env = setup();
    const { target } = await leftDelivering(env);
    await env.clock.sleep(700_000);
    await env.sweeper.sweep();
    await env.control.setKillSwitch(true, 'oncall', 'incident');
    await expect(env.sweeper.resume(ref, { actor: 'alice', reason: 'go on' })).rejects.toThrow(/kill switch/);
    expect((await env.store.events('h-1')).at(-1)?.type).toBe('delivery-paused');

    const outcome = await env.sweeper.rollBack(ref, { actor: 'alice', reason: 'not during an incident' });
    expect(outcome).toMatchObject({ outcome: 'rolled-back', from: '1', to: '2' });
    expect(target.state).toEqual({ stable: '1', canary: null, weight: 0 });
    expect((await env.store.events('h-1')).at(-1)).toMatchObject({ type: 'rolled-back', actor: 'alice' });
    await expect(env.sweeper.rollBack(ref, { actor: 'alice', reason: 'again' })).rejects.toThrow(DeliveryStateError);
  });

  it('rolls back nothing that is not paused or delivered, and nothing of a service it does not deliver', async () => {
    const env = setup();
    await env.approved('h-1');
    await expect(env.sweeper.rollBack(ref, { actor: 'alice', reason: 'no' })).rejects.toThrow(/awaiting-approval/);
    await expect(env.sweeper.resume({ ...ref, id: 'unregistered' }, { actor: 'alice', reason: 'no' })).rejects.toThrow(
      /no delivery this orchestrator runs/,
    );
  });
});

describe('DeliverySweeper, a delivery that fails before it starts', () => {
  it('is escalated once and not retried (each try would take one of the hour deployments)', async () => {
    const clock = new FakeClock();
    const store = freshStore(clock);
    const control = new SqliteControlStore(':memory:');
    const target = new MemoryTarget();
    target.publish = async () => {
      throw new Error('the patch does not apply to the source');
    };
    const plan = {
      policy: progressivePolicy({ steps: [{ weight: 100, bakeMs: 0 }] }),
      verification: { windowMs: 60_000, pollMs: 500, graceMs: 0 },
    };
    const logs: string[] = [];
    const sweeper = new DeliverySweeper({
      store,
      control,
      limits: limitPolicyFor('development'),
      concurrency: 1,
      log: (level, message) => logs.push(`${level} ${message}`),
      now: clock.now,
      sleep: clock.sleep,
      setupFor: async () => ({ target, plan }),
    });
    const recorder = await approvedHealing(store, clock, 'h-1');
    await recorder.record('approved', 'ok', {}, 'alice');
    expect((await sweeper.sweep()).started).toEqual(['h-1']);
    await sweeper.settled();
    expect((await sweeper.sweep()).started).toEqual([]);
    const events = await store.events('h-1');
    expect(events.at(-1)).toMatchObject({ type: 'escalated', data: { reason: 'delivery-failed' } });
    expect(events.filter((e) => e.type === 'escalated')).toHaveLength(1);
    expect(await control.count('deployment', clock.now())).toBe(1);
    expect(logs).toContain('error delivery failed');
  });
});
