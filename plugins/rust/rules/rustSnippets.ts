import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { rustParser } from '../parser.ts';

/** What one snippet made Rust report, read from its output by the Rust parser. */
export interface RustSnippetOutcome {
  errorType: string;
  message: string;
}

export class RustSnippetError extends Error {
  override name = 'RustSnippetError';
}

export const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
/** Raw output of every case as Rust printed it with RUST_BACKTRACE=1 (committed; rewritten by `--write`). */
export const CAPTURED_DIR = fileURLToPath(new URL('./captured/', import.meta.url));

/** Every case panics at once; the two stack overflows take about 0.1 s. A hung case is a broken one. */
const CASE_TIMEOUT_MS = 20_000;

const run = promisify(execFile);

/** Builds the snippet crate (debug profile: overflow checks on, as in `cargo test`) from a copy; returns the binary. */
export async function buildSnippets(cargo = 'cargo'): Promise<{ binary: string; dir: string }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'hs-rust-snippets-')), 'snippets');
  cpSync(SNIPPETS_DIR, dir, { recursive: true, filter: (source) => !source.includes('/target') });
  await run(cargo, ['build', '--quiet', '--offline'], { cwd: dir });
  return { binary: join(dir, 'target', 'debug', 'snippets'), dir };
}

/** Names of the cases the program knows (it prints them when run without arguments). */
export async function listCases(binary: string): Promise<string[]> {
  const { stdout } = await run(binary, []);
  return stdout.split('\n').filter((name) => name.length > 0);
}

/** Runs one case from the crate's directory and returns what it printed on stderr (where panics go). */
export async function runCase(binary: string, dir: string, name: string): Promise<string> {
  try {
    await run(binary, [name], { cwd: dir, timeout: CASE_TIMEOUT_MS, env: { ...process.env, RUST_BACKTRACE: '1' } });
  } catch (error) {
    const failed = error as { stderr?: string; killed?: boolean };
    if (failed.killed) throw new RustSnippetError(`case ${name} did not fail within ${CASE_TIMEOUT_MS} ms`);
    if (typeof failed.stderr === 'string') return failed.stderr;
    throw error;
  }
  throw new RustSnippetError(`case ${name} exited without a panic`);
}

/** The error type and message the Rust parser reads from a case's output. */
export function outcomeOf(name: string, output: string): RustSnippetOutcome {
  const parsed = rustParser.parse(output);
  if (parsed === null) throw new RustSnippetError(`the output of case ${name} holds no Rust panic:\n${output}`);
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
