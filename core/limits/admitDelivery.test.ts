import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SqliteControlStore } from '../../embedded/sqliteControlStore.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { deliverProgressively } from '../deliver/progressiveDelivery.ts';
import { HealingStoreObservation } from '../deliver/progressiveObservation.ts';
import { progressivePolicy } from '../deliver/progressivePlan.ts';
import type { DeliveryTarget, TargetState } from '../deliver/progressivePorts.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import { admitDelivery, admitPatch, killSwitchGate } from './admitDelivery.ts';
import { limitPolicyFor } from './limitPolicy.ts';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'admit-delivery-'));
let files = 0;
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup(overrides: Parameters<typeof limitPolicyFor>[1] = {}) {
  const path = join(dir, `limits-${files++}.db`);
  const store = new SqliteHealingStore(path);
  // The delivery and the operator hold separate connections to the same file, as separate processes would.
  const control = new SqliteControlStore(path);
  const operator = new SqliteControlStore(path);
  opened.push(store, control, operator);
  let now = T0;
  const clock = () => new Date(now);
  const advance = (ms: number) => {
    now += ms;
  };
  const policy = limitPolicyFor('production', overrides);
  /** A healing waiting for delivery: detected → … → awaiting-approval, approved. */
  const approvedHealing = async (id: string) => {
    const recorder = await HealingRecorder.open(store, id, {
      fingerprint: `fp-${id}`,
      service: 'orders',
      category: 'x',
    });
    for (const type of ['detected', 'analyzed', 'candidates-generated', 'validation-started', 'validated'] as const) {
      await recorder.record(type, type);
    }
    await recorder.record('approval-requested', 'ask');
    await recorder.record('approved', 'auto tier');
    return recorder;
  };
  return { store, control, operator, policy, clock, advance, approvedHealing };
}

describe('admitDelivery', () => {
  it('holds every delivery while the kill switch is on, saying who turned it on and why, once', async () => {
    const { control, operator, policy, approvedHealing } = setup();
    const recorder = await approvedHealing('h1');
    await operator.setKillSwitch(true, 'oncall', 'incident 42');
    const held = await admitDelivery(recorder, { control, policy });
    expect(held).toMatchObject({ admitted: false, limit: 'kill-switch' });
    expect(recorder.events.at(-1)).toMatchObject({
      type: 'delivery-held',
      data: { limit: 'kill-switch', by: 'oncall', reason: 'incident 42' },
    });
    await admitDelivery(recorder, { control, policy });
    expect(recorder.events.filter((e) => e.type === 'delivery-held')).toHaveLength(1);
    await operator.setKillSwitch(false, 'oncall', 'resolved');
    expect(await admitDelivery(recorder, { control, policy })).toEqual({ admitted: true });
    expect(await control.count('deployment', new Date())).toBe(1);
  });

  it('holds the delivery after deploymentsPerHour deliveries started in the hour', async () => {
    const { store, control, policy, clock, approvedHealing } = setup();
    expect(policy.deploymentsPerHour).toBe(3);
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await admitDelivery(await approvedHealing(`h${i}`), { control, policy, now: clock }));
    expect(answers.map((a) => a.admitted)).toEqual([true, true, true, false]);
    const last = await HealingRecorder.open(store, 'h3', {
      fingerprint: 'fp-h3',
      service: 'orders',
      category: 'x',
    });
    expect(last.events.at(-1)).toMatchObject({ type: 'delivery-held', data: { limit: 'deployments-per-hour' } });
    expect(last.state).toBe('awaiting-approval');
  });

  it('ends a healing as no-fix when the hour has no patch left, saying which limit', async () => {
    const { store, control } = setup();
    const policy = limitPolicyFor('production', { patchesPerHour: 1 });
    const analyzed = async (id: string) => {
      const recorder = await HealingRecorder.open(store, id, { fingerprint: id, service: 'orders', category: 'x' });
      await recorder.record('detected', 'seen');
      await recorder.record('analyzed', 'rule');
      return recorder;
    };
    expect(await admitPatch(await analyzed('p1'), { control, policy })).toEqual({ admitted: true });
    const second = await analyzed('p2');
    expect(await admitPatch(second, { control, policy })).toMatchObject({ admitted: false, limit: 'patches-per-hour' });
    expect(second.state).toBe('no-fix');
    expect(second.events.at(-1)?.data).toMatchObject({ limit: 'patches-per-hour' });
  });
});

/** A platform that records where the traffic goes (the port's contract, in memory). */
class RecordingTarget implements DeliveryTarget {
  readonly name = 'test:orders';
  readonly weighted = true;
  state: TargetState = { stable: 'v1', canary: null, weight: 0 };
  readonly moves: string[] = [];
  async describe() {
    return this.state;
  }
  async publish() {
    return { from: 'v1', to: 'v2' };
  }
  async shift(from: string, to: string, weight: number) {
    this.moves.push(`shift ${weight}`);
    this.state = { stable: from, canary: to, weight };
  }
  async promote(to: string) {
    this.moves.push('promote');
    this.state = { stable: to, canary: null, weight: 0 };
  }
  async rollback(from: string) {
    this.moves.push('rollback');
    this.state = { stable: from, canary: null, weight: 0 };
  }
}

describe('the kill switch and a delivery in flight', () => {
  it('stops a progressive delivery between polls of its canary and rolls it back', async () => {
    const { store, control, operator, clock, advance, approvedHealing } = setup();
    const recorder = await approvedHealing('live');
    const target = new RecordingTarget();
    let sleeps = 0;
    const outcome = await deliverProgressively(recorder, {
      target,
      observation: new HealingStoreObservation(store, clock),
      mayContinue: killSwitchGate({ control }),
      policy: progressivePolicy({ pollMs: 1_000 }),
      now: clock,
      sleep: async (ms) => {
        advance(ms);
        // Ten seconds into the 10 % canary, an operator pulls the switch from another process.
        if (++sleeps === 10) await operator.setKillSwitch(true, 'oncall', 'checkout errors rising');
      },
    });
    expect(outcome).toMatchObject({ outcome: 'held', limit: 'kill-switch' });
    expect(target.moves).toEqual(['shift 10', 'rollback']);
    expect(target.state).toEqual({ stable: 'v1', canary: null, weight: 0 });
    const types = recorder.events.map((e) => e.type);
    expect(types.slice(-4)).toEqual(['delivery-started', 'delivery-step', 'delivery-held', 'rolled-back']);
    expect(recorder.events.find((e) => e.type === 'delivery-held')?.data).toMatchObject({
      limit: 'kill-switch',
      detail: expect.stringContaining('oncall'),
    });
    expect(sleeps).toBe(10);
  });
});
