import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { phpParser } from '../parser.ts';

/** What one snippet made PHP report, read from its output by the PHP parser. */
export interface PhpSnippetOutcome {
  errorType: string;
  message: string;
}

export class PhpSnippetError extends Error {
  override name = 'PhpSnippetError';
}

export const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
/** Raw output of every case as PHP printed it on stderr (committed; rewritten by `--write`). */
export const CAPTURED_DIR = fileURLToPath(new URL('./captured/', import.meta.url));

/**
 * PHP prints absolute paths, in the trace and in messages (`called in /path on line 20`): the cases run from a copy
 * at this fixed path so that the captures do not depend on where the repository is checked out.
 */
export const RUN_DIR = '/tmp/homeostasis-capture/php/app';

/** Every case throws at once. A hung case is a broken one. */
const CASE_TIMEOUT_MS = 20_000;

const run = promisify(execFile);

/** Copies the script to RUN_DIR and lists the cases it knows (it prints them when run without arguments). */
export async function listCases(php: string): Promise<string[]> {
  mkdirSync(RUN_DIR, { recursive: true });
  cpSync(join(SNIPPETS_DIR, 'cases.php'), join(RUN_DIR, 'cases.php'));
  const { stdout } = await run(php, ['cases.php'], { cwd: RUN_DIR });
  return stdout.split('\n').filter((name) => name.length > 0);
}

/** Runs one case from RUN_DIR (after listCases copied the script there) and returns what it printed on stderr. */
export async function runCase(php: string, name: string): Promise<string> {
  try {
    await run(php, ['cases.php', name], { cwd: RUN_DIR, timeout: CASE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stderr?: string; killed?: boolean };
    if (failed.killed) throw new PhpSnippetError(`case ${name} did not fail within ${CASE_TIMEOUT_MS} ms`);
    if (typeof failed.stderr === 'string') return failed.stderr;
    throw error;
  }
  throw new PhpSnippetError(`case ${name} exited without an uncaught exception`);
}

/** The error type and message the PHP parser reads from a case's output. */
export function outcomeOf(name: string, output: string): PhpSnippetOutcome {
  const parsed = phpParser.parse(output);
  if (parsed === null) throw new PhpSnippetError(`the output of case ${name} holds no PHP exception:\n${output}`);
  return { errorType: parsed.errorType, message: parsed.message };
}

/** The committed capture of every case, by name. */
export function readCaptures(): Map<string, string> {
  const captures = new Map<string, string>();
  for (const file of readdirSync(CAPTURED_DIR).sort()) {
    if (file.endsWith('.txt')) captures.set(file.slice(0, -4), readFileSync(join(CAPTURED_DIR, file), 'utf8'));
  }
  return captures;
}
