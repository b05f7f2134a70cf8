import { describe, expect, it } from 'vitest';
import { judgeStep, mergeEvidence, type StepEvidence } from './progressiveJudge.ts';
import { checkSteps, progressivePolicy, stepsFor } from './progressivePlan.ts';
import { DeliveryPlanError } from './progressivePorts.ts';

const quiet: StepEvidence = {
  healedOccurrences: 0,
  newFingerprints: [],
  otherFingerprints: [],
  rolloutFailure: null,
  unreadable: null,
};
const pause = { otherErrors: 'pause' } as const;

describe('judgeStep', () => {
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
    expect(judgeStep(evidence, pause).outcome).toBe(outcome);
  });

  it('ignores known errors when told to', () => {
    expect(judgeStep({ ...quiet, otherFingerprints: ['k'] }, { otherErrors: 'ignore' }).outcome).toBe('successful');
  });

  it('keeps harm across reads and takes the latest readability', () => {
    const merged = mergeEvidence(
      { ...quiet, healedOccurrences: 1, newFingerprints: ['b'] },
      { ...quiet, newFingerprints: ['a', 'b'], unreadable: 'gone' },
    );
    expect(merged).toEqual({ ...quiet, healedOccurrences: 1, newFingerprints: ['a', 'b'], unreadable: 'gone' });
  });
});

describe('progressivePolicy', () => {
  it('defaults to 10 → 50 → 100 with five-minute canary bakes', () => {
    expect(progressivePolicy().steps).toEqual([
      { weight: 10, bakeMs: 300_000 },
      { weight: 50, bakeMs: 300_000 },
      { weight: 100, bakeMs: 0 },
    ]);
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

  it('collapses the plan to one 100 % step for a target without weights', () => {
    const steps = progressivePolicy().steps;
    expect(stepsFor(steps, true)).toEqual(steps);
    expect(stepsFor(steps, false)).toEqual([{ weight: 100, bakeMs: 300_000 }]);
  });
});
