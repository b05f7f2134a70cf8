import { expect } from 'vitest';
import type { FixContext, FixProposal } from '../../../../core/patch/candidate.ts';
import type { Category } from '../../../../core/schema/taxonomy.ts';
import { contextFrom, readPrintedError, type SnippetDir, type SnippetRun } from './snippetRunner.ts';
import { typeErrorsOf } from './typeCheck.ts';

export interface Crash {
  run: SnippetRun;
  errorType: string;
  message: string;
  ctx: FixContext;
}

export interface CrashOptions {
  category: Category;
  /** The rule's pattern as the rule engine would apply it to the printed message; its named groups are the captures. */
  pattern?: RegExp;
  /** Replaces the printed function names in the frames handed to the fixer. */
  functionName?: string;
}

/** Runs the snippet, expects it to crash, and builds the fix context from what node printed. */
export function crash(dir: SnippetDir, fileName: string, source: string, options: CrashOptions): Crash {
  const run = dir.run(fileName, source);
  expect(run.exitCode, run.stdout + run.stderr).not.toBe(0);
  const printed = readPrintedError(run.stderr);
  if (printed === null) throw new Error(`no error in:\n${run.stderr}`);
  const header = { errorType: printed.errorType, message: printed.message };
  const match = options.pattern?.exec(header.message);
  if (options.pattern !== undefined) expect(match, header.message).toBeTruthy();
  const captures = match?.groups ?? {};
  const ctx = contextFrom({
    path: `src/${fileName}`,
    source,
    category: options.category,
    errorType: header.errorType,
    captures: { ...captures },
    frames: printed.frames.filter((frame) => frame.file === dir.pathOf(fileName)),
    ...(options.functionName === undefined ? {} : { functionName: options.functionName }),
  });
  return { run, ...header, ctx };
}

/** The patched text of the target file of a proposal (fixers here edit one file). */
export function patchedText(proposal: FixProposal): string {
  expect(proposal.edits).toHaveLength(1);
  return proposal.edits[0]!.after;
}

/**
 * Applies the proposal, type-checks the patched file (TypeScript snippets must have no error at all) and runs it again:
 * it must exit 0 and no longer print `errorType: message` as an uncaught error.
 */
export function rerunPatched(dir: SnippetDir, fileName: string, proposal: FixProposal, crashed: Crash): SnippetRun {
  const patched = patchedText(proposal);
  if (/\.tsx?$/.test(fileName)) expect(typeErrorsOf(dir.pathOf(fileName), patched)).toEqual([]);
  const run = dir.run(fileName, patched);
  // Node prints an uncaught error's header at the start of a line; a logged one follows the log's own text.
  const header = `${crashed.errorType}: ${crashed.message}`;
  expect(run.stderr.split('\n').filter((line) => line.startsWith(header))).toEqual([]);
  expect(run.exitCode, run.stderr).toBe(0);
  return run;
}

/** Changed lines of a proposal, as `-old` / `+new`, for readable assertions on what a fixer wrote. */
export function changedLines(proposal: FixProposal): string[] {
  const edit = proposal.edits[0]!;
  const before = edit.before.split('\n');
  const after = edit.after.split('\n');
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  return [
    ...before.slice(head, before.length - tail).map((line) => `-${line}`),
    ...after.slice(head, after.length - tail).map((line) => `+${line}`),
  ];
}
