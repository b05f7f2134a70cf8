import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { csharpParser } from '../parser.ts';

/** What one case made Mono report, read from its output by the C# parser. */
export interface CsharpSnippetOutcome {
  errorType: string;
  message: string;
}

export class CsharpSnippetError extends Error {
  override name = 'CsharpSnippetError';
}

export const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
/** Raw stderr of every case as Mono printed it (committed; rewritten by `collectExamples.ts --write`). */
export const CAPTURED_DIR = fileURLToPath(new URL('./captured/', import.meta.url));
/** Frames read `/app/Program.cs:<line>` wherever the checkout is (mcs `-pathmap`), so captures are stable. */
const MAPPED_DIR = '/app';
/** Every case throws at once; the stack overflow takes about 0.3 s. A hung case is a broken one. */
const CASE_TIMEOUT_MS = 20_000;

const run = promisify(execFile);

export interface CompiledCases {
  mono: string;
  exe: string;
}

/** `mcs -debug` (portable symbols, so `mono --debug` prints file:line) into a fresh temporary directory. */
export async function compileCases(mono: string, mcs: string): Promise<CompiledCases> {
  const exe = join(mkdtempSync(join(tmpdir(), 'hs-csharp-cases-')), 'cases.exe');
  const source = join(SNIPPETS_DIR, 'Program.cs');
  await run(mcs, ['-debug', `-pathmap:${SNIPPETS_DIR.replace(/\/$/, '')}=${MAPPED_DIR}`, `-out:${exe}`, source]);
  return { mono, exe };
}

/** Names of the cases Program.cs knows (it prints them when run without arguments). */
export async function listCases({ mono, exe }: CompiledCases): Promise<string[]> {
  const { stdout } = await run(mono, ['--debug', exe]);
  return stdout.split('\n').filter((name) => name.length > 0);
}

/** Runs one case and returns what it printed on stderr (the program exits non-zero for every case). */
export async function runCase({ mono, exe }: CompiledCases, name: string): Promise<string> {
  try {
    await run(mono, ['--debug', exe, name], { timeout: CASE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stderr?: string; killed?: boolean };
    if (failed.killed) throw new CsharpSnippetError(`case ${name} did not fail within ${CASE_TIMEOUT_MS} ms`);
    if (typeof failed.stderr === 'string') return failed.stderr;
    throw error;
  }
  throw new CsharpSnippetError(`case ${name} exited without an exception`);
}

/** The error type and message the C# parser reads from a case's output. */
export function outcomeOf(name: string, output: string): CsharpSnippetOutcome {
  const parsed = csharpParser.parse(output);
  if (parsed === null) throw new CsharpSnippetError(`the output of case ${name} holds no C# exception:\n${output}`);
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
