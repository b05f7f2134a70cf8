import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RACE_THREADS } from '../fixers/testing/goCrash.ts';
import { goParser } from '../parser.ts';

/** What one snippet made Go report, read from its output by the Go parser. */
export interface GoSnippetOutcome {
  errorType: string;
  message: string;
}

export class GoSnippetError extends Error {
  override name = 'GoSnippetError';
}

export const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
/** Raw output of every case as Go printed it (committed; rewritten by `collectExamples.ts --write`). */
export const CAPTURED_DIR = fileURLToPath(new URL('./captured/', import.meta.url));

/**
 * Limits some cases need to fail the way production does, quickly: a small descriptor table (64) so `open` fails
 * after about 60 files, and 4 GB of address space so 1 GB allocations run out at the fourth.
 */
const SHELL_LIMITS: Readonly<Record<string, string>> = {
  tooManyOpenFiles: 'ulimit -n 64',
  tooManyOpenFilesSocket: 'ulimit -n 64',
  outOfMemory: 'ulimit -v 4000000',
};
/**
 * The racing cases (concurrent map access) loop until the runtime catches the race: well within a second on a quiet
 * machine, longer when the two cores are busy with other tests. A case still running after this is broken.
 */
const CASE_TIMEOUT_MS = 20_000;

const run = promisify(execFile);

/**
 * Builds the snippet program from a copy (paths trimmed, cgo off: with cgo the runtime cannot see a deadlock,
 * since a cgo thread may still wake a goroutine) and returns the binary.
 */
export async function buildSnippets(go: string, env: NodeJS.ProcessEnv): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'hs-go-snippets-')), 'snippets');
  cpSync(SNIPPETS_DIR, dir, { recursive: true });
  const binary = join(dir, 'snippets');
  await run(go, ['build', '-trimpath', '-o', binary, '.'], { cwd: dir, env: { ...env, CGO_ENABLED: '0' } });
  return binary;
}

/** Names of the cases the program knows (it prints them when run without arguments). */
export async function listCases(binary: string): Promise<string[]> {
  const { stdout } = await run(binary, []);
  return stdout.split('\n').filter((name) => name.length > 0);
}

/** Runs one case and returns everything it printed (stdout and stderr, as a terminal shows them). */
export async function runCase(binary: string, name: string): Promise<string> {
  const limit = SHELL_LIMITS[name];
  const [command, args] = limit
    ? ['/bin/sh', ['-c', `${limit} && exec "$0" "$1" 2>&1`, binary, name]]
    : ['/bin/sh', ['-c', 'exec "$0" "$1" 2>&1', binary, name]];
  try {
    // GOMAXPROCS: see RACE_THREADS; the racing cases need goroutines on several threads.
    const env = { ...process.env, GOMAXPROCS: RACE_THREADS };
    await run(command, args, { timeout: CASE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, cwd: '/', env });
  } catch (error) {
    const failed = error as { stdout?: string; killed?: boolean };
    if (failed.killed) throw new GoSnippetError(`case ${name} did not fail within ${CASE_TIMEOUT_MS} ms`);
    if (typeof failed.stdout === 'string') return failed.stdout;
    throw error;
  }
  throw new GoSnippetError(`case ${name} exited without a panic`);
}

/** The error type and message the Go parser reads from a case's output. */
export function outcomeOf(name: string, output: string): GoSnippetOutcome {
  // The runtime may print lines of its own before the header (`runtime: goroutine stack exceeds ...`).
  const header = output.search(/^(panic|fatal error): /m);
  const parsed = goParser.parse(header === -1 ? output : output.slice(header));
  if (parsed === null)
    throw new GoSnippetError(`the output of case ${name} holds no Go panic:\n${output.slice(0, 500)}`);
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
