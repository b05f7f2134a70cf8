import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { rubyParser } from '../parser.ts';

/** What one snippet made Ruby report, read from its output by the Ruby parser. */
export interface RubySnippetOutcome {
  errorType: string;
  message: string;
}

export class RubySnippetError extends Error {
  override name = 'RubySnippetError';
}

export const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
/** Raw output of every case as Ruby printed it on stderr (committed; rewritten by `--write`). */
export const CAPTURED_DIR = fileURLToPath(new URL('./captured/', import.meta.url));

/** Every case raises at once; the timeouts take 0.05 s. A hung case is a broken one. */
const CASE_TIMEOUT_MS = 20_000;

const run = promisify(execFile);

/** Names of the cases the script knows (it prints them when run without arguments). */
export async function listCases(ruby: string): Promise<string[]> {
  const { stdout } = await run(ruby, ['cases.rb'], { cwd: SNIPPETS_DIR });
  return stdout.split('\n').filter((name) => name.length > 0);
}

/** Runs one case from the snippets directory (so frames read `cases.rb:12`) and returns what it printed on stderr. */
export async function runCase(ruby: string, name: string): Promise<string> {
  try {
    await run(ruby, ['cases.rb', name], { cwd: SNIPPETS_DIR, timeout: CASE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stderr?: string; killed?: boolean };
    if (failed.killed) throw new RubySnippetError(`case ${name} did not fail within ${CASE_TIMEOUT_MS} ms`);
    if (typeof failed.stderr === 'string') return failed.stderr;
    throw error;
  }
  throw new RubySnippetError(`case ${name} exited without an exception`);
}

/** The error type and message the Ruby parser reads from a case's output. */
export function outcomeOf(name: string, output: string): RubySnippetOutcome {
  const parsed = rubyParser.parse(output);
  if (parsed === null) throw new RubySnippetError(`the output of case ${name} holds no Ruby exception:\n${output}`);
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
