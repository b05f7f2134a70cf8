import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HealingState } from '../workflow/healingStates.ts';
import { judgeFingerprint, type PastHealing } from './fingerprintPolicy.ts';
import { limitPolicyFor } from './limitPolicy.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const OUTCOMES: HealingState[] = ['validation-failed', 'rolled-back', 'ineffective', 'verified', 'no-fix', 'rejected'];
const FAILED = new Set<HealingState>(['validation-failed', 'rolled-back', 'ineffective']);

interface Started {
  start: number;
  end: number;
  state: HealingState;
}

/**
 * Plays a storm of occurrences against the policy the way ingest does: while an attempt runs, occurrences are
 * skipped (the claim); otherwise the policy decides, and an admitted attempt runs for its duration and ends in its
 * outcome, a refused one is recorded as suppressed.
 */
function play(
  arrivals: { gapMs: number; durationMs: number; outcome: HealingState }[],
  policy: ReturnType<typeof limitPolicyFor>,
): Started[] {
  const history: PastHealing[] = [];
  const started: Started[] = [];
  let t = T0;
  arrivals.forEach((arrival, i) => {
    t += arrival.gapMs;
    const running = started.at(-1);
    if (running && running.end > t) return;
    const iso = new Date(t).toISOString();
    const verdict = judgeFingerprint(history, `h${i}`, new Date(t), policy);
    if (!verdict.admitted) {
      history.push({ id: `h${i}`, state: 'suppressed', createdAt: iso, updatedAt: iso });
      return;
    }
    const end = t + arrival.durationMs;
    started.push({ start: t, end, state: arrival.outcome });
    history.push({ id: `h${i}`, state: arrival.outcome, createdAt: iso, updatedAt: new Date(end).toISOString() });
  });
  return started;
}

const arrival = fc.record({
  gapMs: fc.integer({ min: 0, max: 6 * 60 * MIN }),
  durationMs: fc.integer({ min: 0, max: 120 * MIN }),
  outcome: fc.constantFrom(...OUTCOMES),
});
const policyArb = fc.record({
  maxAttemptsPerFingerprint: fc.integer({ min: 1, max: 6 }),
  cooldownMs: fc.integer({ min: 0, max: 180 * MIN }),
  attemptWindowMs: fc.integer({ min: 60 * MIN, max: 48 * 60 * MIN }),
});

describe('judgeFingerprint (per-fingerprint anti-flapping)', () => {
  it('never lets more than max failed attempts start within any attempt window', () => {
    fc.assert(
      fc.property(fc.array(arrival, { maxLength: 120 }), policyArb, (arrivals, overrides) => {
        const policy = limitPolicyFor('production', overrides);
        const started = play(arrivals, policy);
        for (const attempt of started) {
          const inWindow = started.filter(
            (a) => FAILED.has(a.state) && a.start > attempt.start - policy.attemptWindowMs && a.start <= attempt.start,
          );
          expect(inWindow.length).toBeLessThanOrEqual(policy.maxAttemptsPerFingerprint);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never starts an attempt within the cool-down of the previous one', () => {
    fc.assert(
      fc.property(fc.array(arrival, { maxLength: 120 }), policyArb, (arrivals, overrides) => {
        const policy = limitPolicyFor('production', overrides);
        const started = play(arrivals, policy);
        started.slice(1).forEach((attempt, i) => {
          const previous = started[i] as Started;
          expect(attempt.start - previous.end).toBeGreaterThanOrEqual(policy.cooldownMs);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('starts again once old failures leave the window (a storm is capped, not silenced forever)', () => {
    const policy = limitPolicyFor('production', {
      maxAttemptsPerFingerprint: 2,
      cooldownMs: 0,
      attemptWindowMs: 60 * MIN,
    });
    const arrivals = Array.from({ length: 10 }, () => ({
      gapMs: MIN,
      durationMs: 0,
      outcome: 'validation-failed' as const,
    }));
    const late = { gapMs: 61 * MIN, durationMs: 0, outcome: 'validation-failed' as const };
    const started = play([...arrivals, late], policy);
    expect(started.map((a) => (a.start - T0) / MIN)).toEqual([1, 2, 71]);
  });

  it('says which limit refused and why', () => {
    const policy = limitPolicyFor('production');
    const iso = (m: number) => new Date(T0 + m * MIN).toISOString();
    const failed = (id: string, m: number): PastHealing => ({
      id,
      state: 'validation-failed',
      createdAt: iso(m - 5),
      updatedAt: iso(m),
    });
    const cooling = judgeFingerprint([failed('a', 0)], 'now', new Date(T0 + 10 * MIN), policy);
    expect(cooling).toMatchObject({ admitted: false, limit: 'cooldown', failures: 1 });
    expect(cooling.admitted === false && cooling.detail).toContain('attempt a (validation-failed)');
    const history = [failed('a', 0), failed('b', 100), failed('c', 200)];
    const capped = judgeFingerprint(history, 'now', new Date(T0 + 400 * MIN), policy);
    expect(capped).toMatchObject({ admitted: false, limit: 'max-attempts', failures: 3 });
    expect(capped.admitted === false && capped.detail).toBe(
      '3 attempt(s) for this fingerprint failed within 24 h (max 3)',
    );
    const suppressedOnly: PastHealing[] = [{ id: 's', state: 'suppressed', createdAt: iso(0), updatedAt: iso(0) }];
    expect(judgeFingerprint(suppressedOnly, 'now', new Date(T0 + MIN), policy)).toEqual({
      admitted: true,
      failures: 0,
    });
  });
});
