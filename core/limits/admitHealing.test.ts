import { afterEach, describe, expect, it } from 'vitest';
import { SqliteControlStore } from '../../embedded/sqliteControlStore.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { HealingState } from '../workflow/healingStates.ts';
import { admitHealing } from './admitHealing.ts';
import { limitPolicyFor } from './limitPolicy.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-03-01T08:00:00Z');
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function setup(overrides: Parameters<typeof limitPolicyFor>[1] = {}) {
  const store = new SqliteHealingStore(':memory:');
  const control = new SqliteControlStore(':memory:');
  opened.push(store, control);
  let now = T0;
  const clock = () => new Date(now);
  const policy = limitPolicyFor('production', overrides);
  /** A healing of `fingerprint` detected at minute `at` (its events are recorded at that time). */
  const detect = async (id: string, at: number, fingerprint = 'fp-storm') => {
    now = T0 + at * MIN;
    const recorder = await HealingRecorder.open(store, id, { fingerprint, service: 'orders', category: 'x' }, clock);
    await recorder.record('detected', 'seen');
    return recorder;
  };
  /** Runs a healing from detection to `end` at minute `at`, through the workflow's legal events. */
  const finish = async (recorder: HealingRecorder, end: HealingState, at: number) => {
    now = T0 + at * MIN;
    await recorder.record('analyzed', 'rule');
    await recorder.record('candidates-generated', 'one');
    await recorder.record('validation-started', 'go');
    if (end === 'validation-failed') return void (await recorder.record('validation-failed', 'tests failed'));
    await recorder.record('validated', 'passed');
    await recorder.record('approval-requested', 'ask');
    await recorder.record('delivered', 'shipped');
    if (end === 'verified') await recorder.record('verified', 'silent');
    if (end === 'rolled-back') await recorder.record('rolled-back', 'recurred');
  };
  const admit = (recorder: HealingRecorder) => admitHealing(recorder, { store, control, policy, now: clock });
  return { store, control, policy, detect, finish, admit };
}

describe('admitHealing', () => {
  it('admits a first healing and takes one healing from the hour', async () => {
    const { control, detect, admit } = setup();
    const recorder = await detect('h1', 0);
    expect(await admit(recorder)).toEqual({ admitted: true });
    expect(recorder.state).toBe('detected');
    expect(await control.count('healing', new Date(T0))).toBe(1);
  });

  it('suppresses a healing within the cool-down of the last attempt, says so, and takes nothing', async () => {
    const { control, detect, finish, admit } = setup({ cooldownMs: 60 * MIN });
    await finish(await detect('h1', 0), 'validation-failed', 10);
    const second = await detect('h2', 30);
    const answer = await admit(second);
    expect(answer).toMatchObject({ admitted: false, limit: 'cooldown' });
    expect(second.state).toBe('suppressed');
    expect(second.events.at(-1)?.data).toMatchObject({ limit: 'cooldown', detail: expect.stringContaining('h1') });
    expect(await control.count('healing', new Date(T0))).toBe(0);
  });

  it('caps failed attempts, escalates once, and answers again from the events without recording', async () => {
    const { store, detect, finish, admit } = setup({
      maxAttemptsPerFingerprint: 3,
      escalateAfterFailures: 2,
      cooldownMs: 0,
    });
    const admitted: string[] = [];
    for (let i = 0; i < 6; i++) {
      const recorder = await detect(`h${i}`, i * 100);
      const answer = await admit(recorder);
      if (answer.admitted) {
        admitted.push(recorder.id);
        await finish(recorder, i === 0 ? 'rolled-back' : 'validation-failed', i * 100 + 5);
      }
    }
    expect(admitted).toEqual(['h0', 'h1', 'h2']);
    const timelines = await Promise.all(['h2', 'h3', 'h4', 'h5'].map((id) => store.events(id)));
    const types = timelines.map((events) => events.map((e) => e.type));
    // h2 is the attempt after two failures: escalated (a fact) and still admitted; h3 on: suppressed, no new escalation.
    expect(types[0]?.slice(0, 2)).toEqual(['detected', 'escalated']);
    expect(timelines[0]?.[1]?.data).toEqual({ failures: 2 });
    expect(types.slice(1)).toEqual([
      ['detected', 'suppressed'],
      ['detected', 'suppressed'],
      ['detected', 'suppressed'],
    ]);
    expect(timelines[1]?.[1]?.data).toEqual({
      limit: 'max-attempts',
      detail: '3 attempt(s) for this fingerprint failed within 24 h (max 3)',
    });
    const again = await HealingRecorder.open(store, 'h3', {
      fingerprint: 'fp-storm',
      service: 'orders',
      category: 'x',
    });
    expect(await admit(again)).toMatchObject({ admitted: false, limit: 'max-attempts' });
    expect(await store.events('h3')).toHaveLength(2);
  });

  it('does not count verified healings or other fingerprints against a fingerprint', async () => {
    const { detect, finish, admit } = setup({ maxAttemptsPerFingerprint: 1, cooldownMs: 0 });
    await finish(await detect('ok', 0), 'verified', 5);
    await finish(await detect('other', 10, 'fp-other'), 'validation-failed', 15);
    expect(await admit(await detect('h', 20))).toEqual({ admitted: true });
  });

  it('suppresses once the hour holds healingsPerHour healings, whatever their fingerprints', async () => {
    const { control, detect, admit } = setup({ healingsPerHour: 2 });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await admit(await detect(`h${i}`, i, `fp-${i}`)));
    expect(answers.map((a) => a.admitted)).toEqual([true, true, false]);
    expect(answers[2]).toMatchObject({ limit: 'healings-per-hour', detail: '2 healing(s) already started this hour' });
    expect(await control.count('healing', new Date(T0))).toBe(2);
    const nextHour = await detect('h-next', 60, 'fp-next');
    expect(await admit(nextHour)).toEqual({ admitted: true });
  });
});
