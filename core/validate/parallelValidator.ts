import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import type { Candidate } from '../patch/candidate.ts';
import { type CandidateResult, type LadderConfig, runLadder } from './ladder.ts';

export interface ValidateOptions {
  /** Defaults to the number of cores: each ladder runs compilers and test runners. */
  concurrency?: number;
  onStart?(candidate: Candidate): void;
  onResult?(result: CandidateResult): void;
}

/** Runs every candidate's ladder, each in its own sandbox, concurrently up to the core count. */
export async function validateCandidates(
  repoRoot: string,
  candidates: readonly Candidate[],
  config: LadderConfig,
  options: ValidateOptions = {},
): Promise<CandidateResult[]> {
  const limit = pLimit(Math.max(1, options.concurrency ?? availableParallelism()));
  return Promise.all(
    candidates.map((candidate) =>
      limit(async () => {
        options.onStart?.(candidate);
        const result = await runLadder(repoRoot, candidate, config);
        options.onResult?.(result);
        return result;
      }),
    ),
  );
}

/**
 * The winner is the passing candidate with the best rank: the rule's strategy preference first, then the smallest
 * diff, then the id (deterministic). The others stay in the result for review.
 */
export function pickWinner(candidates: readonly Candidate[], results: readonly CandidateResult[]): Candidate | null {
  const passed = new Set(results.filter((r) => r.passed).map((r) => r.candidateId));
  const ranked = candidates
    .filter((c) => passed.has(c.id))
    .sort((a, b) => a.strategyRank - b.strategyRank || a.diffSize - b.diffSize || a.id.localeCompare(b.id));
  return ranked[0] ?? null;
}

export type ValidationVerdict =
  | { state: 'pending'; waitingFor: string[] }
  | { state: 'validated'; winner: Candidate }
  | { state: 'validation-failed' };

/**
 * Decides a healing's validation once results arrive, in any order and possibly more than once: nothing is
 * decided until every candidate has a result; then the best passing candidate wins, or all failed.
 */
export function validationVerdict(
  candidates: readonly Candidate[],
  results: readonly CandidateResult[],
): ValidationVerdict {
  const have = new Set(results.map((r) => r.candidateId));
  const waitingFor = candidates.filter((c) => !have.has(c.id)).map((c) => c.id);
  if (waitingFor.length > 0) return { state: 'pending', waitingFor };
  const winner = pickWinner(candidates, results);
  return winner ? { state: 'validated', winner } : { state: 'validation-failed' };
}
