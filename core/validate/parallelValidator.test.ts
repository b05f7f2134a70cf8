import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCandidate } from '../patch/makeCandidate.ts';
import type { LadderConfig } from './ladder.ts';
import { pickWinner, validateCandidates } from './parallelValidator.ts';

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hs-val-'));
  writeFileSync(join(dir, 'value.txt'), 'broken\n');
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'node_modules', 'dep.txt'), 'installed\n');
  return dir;
}

const candidate = (after: string, strategy: string, rank: number) =>
  makeCandidate({ strategy, description: strategy, edits: [{ path: 'value.txt', before: 'broken\n', after }] }, rank);

const config = (overrides: Partial<LadderConfig> = {}): LadderConfig => ({
  syntaxCheck: (path, text) => (text.includes('{{') ? [{ path, line: 1, message: 'unbalanced' }] : []),
  typecheckCommand: null,
  // The test passes only when the sandbox holds a fixed value and the linked dependencies are visible.
  testCommand: 'grep -q fixed value.txt && test -f node_modules/dep.txt',
  reproduceCommand: null,
  judgeReproduction: () => ({ stillFails: false, detail: 'ok' }),
  timeoutMs: 20_000,
  ...overrides,
});

describe('validateCandidates', () => {
  it('validates each candidate in its own copy and leaves the repository untouched', async () => {
    const dir = repo();
    const good = candidate('fixed\n', 'guard-early-return', 1);
    const better = candidate('fixed!\n', 'optional-chaining', 0);
    const bad = candidate('still broken\n', 'default-value', 2);
    const syntax = candidate('{{\n', 'zero-guard', 3);
    const results = await validateCandidates(dir, [good, better, bad, syntax], config());
    expect(results.map((r) => [r.strategy, r.passed, r.failedStep])).toEqual([
      ['guard-early-return', true, null],
      ['optional-chaining', true, null],
      ['default-value', false, 'test'],
      ['zero-guard', false, 'syntax'],
    ]);
    expect(pickWinner([good, better, bad, syntax], results)?.id).toBe(better.id);
    expect(readFileSync(join(dir, 'value.txt'), 'utf8')).toBe('broken\n');
  });

  it('runs candidates concurrently', async () => {
    const dir = repo();
    const marker = join(dir, '..', `overlap-${Date.now()}`);
    // Each run records its start, waits, and checks whether another started meanwhile.
    const testCommand = `echo x >> ${marker}; sleep 1; test $(wc -l < ${marker}) -ge 2`;
    const results = await validateCandidates(
      dir,
      [candidate('fixed\n', 'a', 0), candidate('fixed\n\n', 'b', 1)],
      config({ testCommand }),
      { concurrency: 2 },
    );
    expect(results.every((r) => r.passed)).toBe(true);
  });

  it('fails a step that overruns its timeout instead of hanging', async () => {
    const results = await validateCandidates(
      repo(),
      [candidate('fixed\n', 'a', 0)],
      config({ testCommand: 'sleep 30', timeoutMs: 500 }),
    );
    expect(results[0]).toMatchObject({ passed: false, failedStep: 'test' });
    expect(results[0]?.steps.find((s) => s.step === 'test')).toMatchObject({ timedOut: true });
  });

  it('fails the reproduction step when the judge still sees the error', async () => {
    const results = await validateCandidates(
      repo(),
      [candidate('fixed\n', 'a', 0)],
      config({
        reproduceCommand: 'echo boom',
        judgeReproduction: (out) => ({ stillFails: out.includes('boom'), detail: 'boom again' }),
      }),
    );
    expect(results[0]).toMatchObject({ passed: false, failedStep: 'reproduce' });
  });
});
