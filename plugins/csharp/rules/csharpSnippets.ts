import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
import { csharpParser } from '../parser.ts';

/** What one case made Mono report, read from its output by the C# parser. */
export type CsharpSnippetOutcome = SnippetOutcome;

export class CsharpSnippetError extends Error {
  override name = 'CsharpSnippetError';
}

export const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
/** Raw stderr of every case as Mono printed it (committed; rewritten by `collectExamples.ts --write`). */
export const CAPTURED_DIR = fileURLToPath(new URL('./captured/', import.meta.url));
/** Frames read `/app/Program.cs:<line>` wherever the checkout is (mcs `-pathmap`), so captures are stable. */
const MAPPED_DIR = '/app';
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
  return listSnippetCases(mono, ['--debug', exe]);
}

/** Runs one case and returns what it printed on stderr (the program exits non-zero for every case). */
export async function runCase({ mono, exe }: CompiledCases, name: string): Promise<string> {
  return runFailingCase(mono, ['--debug', exe, name], {}, name, 'an exception', (msg) => new CsharpSnippetError(msg));
}

/** The error type and message the C# parser reads from a case's output. */
export function outcomeOf(name: string, output: string): CsharpSnippetOutcome {
  return outcomeWith(csharpParser, name, output, 'C# exception', (msg) => new CsharpSnippetError(msg));
}

/** The committed capture of every case, by name. */
export function readCaptures(): Map<string, string> {
  return readCapturesIn(CAPTURED_DIR);
}
