import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  healedFigures,
  judgeStep,
  mergeEvidence,
  type StepContext,
  type StepEvidence,
  type StepOutcome,
} from './progressiveJudge.ts';
import { checkSteps, progressivePolicy, stepsFor } from './progressivePlan.ts';
import { DeliveryPlanError } from './progressivePorts.ts';

const quiet: StepEvidence = {
  healedOccurrences: 0,
  observedMs: 300_000,
  newFingerprints: [],
  otherFingerprints: [],
  rolloutFailure: null,
  unreadable: null,
};
const pause = { otherErrors: 'pause' } as const;
const MINUTE = 60_000;
/** 10 occurrences a minute before the delivery (600 in the hour). */
const tenAMinute = { occurrences: 600, spanMs: 60 * MINUTE };
const all: StepContext = { weight: 100, baseline: tenAMinute };

describe('judgeStep at 100 %: any recurrence fails', () => {
  it.each([
    [quiet, 'successful'],
    [{ ...quiet, healedOccurrences: 2 }, 'failed'],
    [{ ...quiet, newFingerprints: ['n'] }, 'failed'],
    [{ ...quiet, rolloutFailure: 'tasks failed' }, 'failed'],
    [{ ...quiet, unreadable: 'timeout' }, 'inconclusive'],
    [{ ...quiet, otherFingerprints: ['k'] }, 'inconclusive'],
    // Harm seen before the store went away still fails the step.
    [{ ...quiet, healedOccurrences: 1, unreadable: 'timeout' }, 'failed'],
    [{ ...quiet, newFingerprints: ['n'], otherFingerprints: ['k'] }, 'failed'],
  ] as [StepEvidence, string][])('%o → %s', (evidence, outcome) => {
    expect(judgeStep(evidence, pause, all).outcome).toBe(outcome);
  });

  it('ignores known errors when told to', () => {
    expect(judgeStep({ ...quiet, otherFingerprints: ['k'] }, { otherErrors: 'ignore' }, all).outcome).toBe(
      'successful',
    );
  });
});

describe('judgeStep at a canary step: what the old version explains', () => {
  it('computes the figures: 10 a minute, five minutes at 10 % and at 50 %', () => {
    const tenth = healedFigures(5 * MINUTE, { weight: 10, baseline: tenAMinute });
    expect(tenth.expectedFromOld).toBeCloseTo(45, 9);
    expect(tenth.expectedFromPatched).toBeCloseTo(5, 9);
    expect(tenth.bound).toBe(67);
    const half = healedFigures(5 * MINUTE, { weight: 50, baseline: tenAMinute });
    expect(half.expectedFromOld).toBeCloseTo(25, 9);
    expect(half.bound).toBe(42);
  });

  it.each([
    // The old version's 90 % keeps erroring at its rate: explained.
    [10, 45, 'successful'],
    [10, 67, 'successful'],
    [10, 68, 'failed'],
    // The fix does nothing (50 at the unchanged rate): within the 10 % bound, beyond the 50 % one.
    [10, 50, 'successful'],
    [50, 50, 'failed'],
    [50, 25, 'successful'],
    [50, 42, 'successful'],
    [50, 43, 'failed'],
  ])('at %i %% with %i occurrences in five minutes → %s', (weight, healedOccurrences, outcome) => {
    const judgement = judgeStep({ ...quiet, healedOccurrences }, pause, { weight, baseline: tenAMinute });
    expect(judgement.outcome).toBe(outcome);
    expect(judgement.healed?.bound).toBe(weight === 10 ? 67 : 42);
  });

  it('is inconclusive when the patched share would show less than one occurrence, whatever the fix does', () => {
    const rare = { occurrences: 6, spanMs: 60 * MINUTE }; // 0.1 a minute: 0.05 expected from the 10 % in 5 min
    const judgement = judgeStep(quiet, pause, { weight: 10, baseline: rare });
    expect(judgement.outcome).toBe('inconclusive');
    expect(judgement.why).toMatch(/too little evidence.*6 occurrence\(s\) in the 60 min before/);
    expect(judgeStep(quiet, pause, { weight: 10, baseline: null }).why).toMatch(/no baseline/);
    // The same at 100 % is no reason to wait: the verification window watches what follows.
    expect(judgeStep(quiet, pause, { weight: 100, baseline: null }).outcome).toBe('successful');
  });

  it('holds every occurrence against the fix without a baseline: none is explained', () => {
    expect(judgeStep({ ...quiet, healedOccurrences: 1 }, pause, { weight: 10, baseline: null })).toMatchObject({
      outcome: 'failed',
      healed: { expectedFromOld: 0, bound: 0 },
    });
  });

  it('still fails on a new fingerprint and pauses on known ones when the count is explained', () => {
    const context = { weight: 50, baseline: tenAMinute };
    expect(judgeStep({ ...quiet, healedOccurrences: 20, newFingerprints: ['n'] }, pause, context).outcome).toBe(
      'failed',
    );
    expect(judgeStep({ ...quiet, healedOccurrences: 20, otherFingerprints: ['k'] }, pause, context).outcome).toBe(
      'inconclusive',
    );
  });

  it('is monotonic in the observed count: more occurrences never make a step look better', () => {
    const rank: Record<StepOutcome, number> = { successful: 0, inconclusive: 1, failed: 2 };
    fc.assert(
      fc.property(
        fc.record({
          weight: fc.integer({ min: 1, max: 100 }),
          occurrences: fc.integer({ min: 0, max: 5_000 }),
          spanMs: fc.integer({ min: MINUTE, max: 48 * 60 * MINUTE }),
          hasBaseline: fc.boolean(),
          observedMs: fc.integer({ min: 0, max: 30 * MINUTE }),
          count: fc.integer({ min: 0, max: 2_000 }),
          more: fc.integer({ min: 1, max: 200 }),
          other: fc.boolean(),
          unreadable: fc.boolean(),
          otherErrors: fc.constantFrom('pause' as const, 'ignore' as const),
        }),
        (c) => {
          const context = { weight: c.weight, baseline: c.hasBaseline ? c : null };
          const evidence = (healedOccurrences: number): StepEvidence => ({
            ...quiet,
            healedOccurrences,
            observedMs: c.observedMs,
            otherFingerprints: c.other ? ['k'] : [],
            unreadable: c.unreadable ? 'gone' : null,
          });
          const policy = { otherErrors: c.otherErrors };
          const fewer = judgeStep(evidence(c.count), policy, context).outcome;
          const more = judgeStep(evidence(c.count + c.more), policy, context).outcome;
          expect(rank[more]).toBeGreaterThanOrEqual(rank[fewer]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('mergeEvidence', () => {
  it('keeps harm across reads and takes the latest readability', () => {
    const merged = mergeEvidence(
      { ...quiet, healedOccurrences: 1, newFingerprints: ['b'] },
      { ...quiet, newFingerprints: ['a', 'b'], unreadable: 'gone', observedMs: 0 },
    );
    expect(merged).toEqual({ ...quiet, healedOccurrences: 1, newFingerprints: ['a', 'b'], unreadable: 'gone' });
  });
});

describe('progressivePolicy', () => {
  it('defaults to 10 → 50 → 100 with five-minute canary bakes, a one-hour baseline and a 30 s grace', () => {
    const policy = progressivePolicy();
    expect(policy.steps).toEqual([
      { weight: 10, bakeMs: 300_000 },
      { weight: 50, bakeMs: 300_000 },
      { weight: 100, bakeMs: 0 },
    ]);
    expect(policy).toMatchObject({ baselineMs: 3_600_000, graceMs: 30_000 });
  });

  it.each([
    [[], /at least one step/],
    [[{ weight: 50, bakeMs: 1 }], /last step must send 100/],
    [
      [
        { weight: 50, bakeMs: 1 },
        { weight: 10, bakeMs: 1 },
        { weight: 100, bakeMs: 0 },
      ],
      /does not rise/,
    ],
    [[{ weight: 100, bakeMs: -1 }], /step 1/],
    [[{ weight: 0, bakeMs: 1 }], /step 1/],
  ])('refuses %j', (steps, message) => {
    expect(() => checkSteps(steps)).toThrow(DeliveryPlanError);
    expect(() => checkSteps(steps)).toThrow(message);
  });

  it('refuses a look-back that is not positive and a negative grace', () => {
    expect(() => progressivePolicy({ baselineMs: 0 })).toThrow(/baselineMs/);
    expect(() => progressivePolicy({ graceMs: -1 })).toThrow(/graceMs/);
  });

  it('collapses the plan to one 100 % step for a target without weights', () => {
    const steps = progressivePolicy().steps;
    expect(stepsFor(steps, true)).toEqual(steps);
    expect(stepsFor(steps, false)).toEqual([{ weight: 100, bakeMs: 300_000 }]);
  });
});
