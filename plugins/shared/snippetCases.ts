import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StackTraceParser } from '../../core/parse/parsedTrace.ts';

/**
 * Running the snippet programs whose output proves a captured-runtime rule set (Rust, Ruby, PHP, C#): each case
 * must fail at once and print its error on stderr; a case that hangs or exits cleanly is broken.
 */

/** What one snippet made the runtime report, read from its output by the language's parser. */
export interface SnippetOutcome {
  errorType: string;
  message: string;
}

/** Every case fails at once (the slowest, a stack overflow, in about 0.3 s): a case still running after this hung. */
export const CASE_TIMEOUT_MS = 20_000;

const run = promisify(execFile);

/** Names of the cases a snippet program knows (it prints them, one a line, when run without a case). */
export async function listCases(command: string, args: string[], options: { cwd?: string } = {}): Promise<string[]> {
  const { stdout } = await run(command, args, options);
  return stdout.split('\n').filter((name) => name.length > 0);
}

/**
 * Runs one case and returns what it printed on stderr; `fail(message)` makes the language's error when the case
 * hangs or exits without `failure` (e.g. "a panic").
 */
export async function runFailingCase(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv },
  name: string,
  failure: string,
  fail: (message: string) => Error,
): Promise<string> {
  try {
    await run(command, args, { ...options, timeout: CASE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stderr?: string; killed?: boolean };
    if (failed.killed) throw fail(`case ${name} did not fail within ${CASE_TIMEOUT_MS} ms`);
    if (typeof failed.stderr === 'string') return failed.stderr;
    throw error;
  }
  throw fail(`case ${name} exited without ${failure}`);
}

/** The error type and message `parser` reads from a case's output. */
export function outcomeWith(
  parser: StackTraceParser,
  name: string,
  output: string,
  what: string,
  fail: (message: string) => Error,
): SnippetOutcome {
  const parsed = parser.parse(output);
  if (parsed === null) throw fail(`the output of case ${name} holds no ${what}:\n${output}`);
  return { errorType: parsed.errorType, message: parsed.message };
}

/** The committed capture (`<case>.txt`) of every case in `dir`, by name. */
export function readCapturesIn(dir: string): Map<string, string> {
  const captures = new Map<string, string>();
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.txt')) captures.set(file.slice(0, -4), readFileSync(join(dir, file), 'utf8'));
  }
  return captures;
}
