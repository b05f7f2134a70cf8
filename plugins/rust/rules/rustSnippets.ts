import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  listCases as listSnippetCases,
  outcomeWith,
  readCapturesIn,
  runFailingCase,
  type SnippetOutcome,
} from '../../shared/snippetCases.ts';
import { rustParser } from '../parser.ts';

/** What one snippet made Rust report, read from its output by the Rust parser. */
export type RustSnippetOutcome = SnippetOutcome;

export class RustSnippetError extends Error {
  override name = 'RustSnippetError';
}

export const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
/** Raw output of every case as Rust printed it with RUST_BACKTRACE=1 (committed; rewritten by `--write`). */
export const CAPTURED_DIR = fileURLToPath(new URL('./captured/', import.meta.url));

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
  return listSnippetCases(binary, []);
}

/** Runs one case from the crate's directory and returns what it printed on stderr (where panics go). */
export async function runCase(binary: string, dir: string, name: string): Promise<string> {
  return runFailingCase(
    binary,
    [name],
    { cwd: dir, env: { ...process.env, RUST_BACKTRACE: '1' } },
    name,
    'a panic',
    (msg) => new RustSnippetError(msg),
  );
}

/** The error type and message the Rust parser reads from a case's output. */
export function outcomeOf(name: string, output: string): RustSnippetOutcome {
  return outcomeWith(rustParser, name, output, 'Rust panic', (msg) => new RustSnippetError(msg));
}

/** The committed capture of every case, by name. */
export function readCaptures(): Map<string, string> {
  return readCapturesIn(CAPTURED_DIR);
}
