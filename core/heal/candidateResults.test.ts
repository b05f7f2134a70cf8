import { describe, expect, it } from 'vitest';
import { FakeClock, freshStore, META } from '../deliver/progressiveTestKit.ts';
import { makeCandidate } from '../patch/makeCandidate.ts';
import type { CandidateResult } from '../validate/ladder.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import { recordCandidateResult } from './healingStages.ts';

/** Three candidates of one healing, ranked as a fixer would rank them (0 best). */
const CANDIDATES = ['optional-chaining', 'guard-return', 'default-value'].map((strategy, rank) =>
  makeCandidate(
    {
      strategy,
      description: strategy,
      edits: [{ path: 'src/discounts.ts', before: 'a.b\n', after: `${strategy}\n` }],
    },
    rank,
  ),
);

/** A validate stage's report for candidate `i` (the steps do not matter to the verdict). */
function result(i: number, passed: boolean): CandidateResult {
  const candidate = CANDIDATES[i];
  if (!candidate) throw new Error(`no candidate ${i}`);
  return {
    candidateId: candidate.id,
    strategy: candidate.strategy,
    passed,
    failedStep: passed ? null : 'test',
    durationMs: 10,
    steps: [],
  };
}

async function validating(id: string): Promise<HealingRecorder> {
  const clock = new FakeClock();
  const recorder = await HealingRecorder.open(freshStore(clock), id, META, clock.now);
  await recorder.record('detected', 'seen');
  await recorder.record('analyzed', 'rule');
  await recorder.record('candidates-generated', '3 candidates', { candidates: CANDIDATES });
  await recorder.record('validation-started', 'validating 3');
  return recorder;
}

const resultsIn = (recorder: HealingRecorder) => recorder.events.filter((e) => e.type === 'candidate-result').length;

describe('recordCandidateResult: validate reports in any order and more than once', () => {
  it('concludes only when every candidate has a result, ignores repeats, and picks the best passing one', async () => {
    const recorder = await validating('any-order');
    for (const [i, passed] of [
      [2, true],
      [1, false],
      [2, true], // redelivered: no second result
    ] as const) {
      await recordCandidateResult(recorder, result(i, passed));
      expect(recorder.state).toBe('validating');
    }
    expect(resultsIn(recorder)).toBe(2);
    await recordCandidateResult(recorder, result(0, true));
    expect(recorder.state).toBe('validated');
    // The first passing by arrival was default-value; the verdict ranks the passing ones: optional-chaining wins.
    expect(recorder.events.at(-1)?.data).toEqual({ winner: CANDIDATES[0]?.id });
    await recordCandidateResult(recorder, result(1, false)); // late repeat after the verdict
    expect(resultsIn(recorder)).toBe(3);
    expect(recorder.events.filter((e) => e.type === 'validated')).toHaveLength(1);
  });

  it('fails the validation when every candidate failed, whatever the order', async () => {
    const recorder = await validating('all-fail');
    for (const i of [1, 0, 2]) await recordCandidateResult(recorder, result(i, false));
    expect(recorder.state).toBe('validation-failed');
    expect(resultsIn(recorder)).toBe(3);
  });
});
