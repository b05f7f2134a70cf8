import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  listCases as listSnippetCases,
  outcomeWith,
  readCapturesIn,
  runFailingCase,
  type SnippetOutcome,
} from '../../shared/snippetCases.ts';
import { phpParser } from '../parser.ts';

/** What one snippet made PHP report, read from its output by the PHP parser. */
export type PhpSnippetOutcome = SnippetOutcome;

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

/** Copies the script to RUN_DIR and lists the cases it knows (it prints them when run without arguments). */
export async function listCases(php: string): Promise<string[]> {
  mkdirSync(RUN_DIR, { recursive: true });
  cpSync(join(SNIPPETS_DIR, 'cases.php'), join(RUN_DIR, 'cases.php'));
  return listSnippetCases(php, ['cases.php'], { cwd: RUN_DIR });
}

/** Runs one case from RUN_DIR (after listCases copied the script there) and returns what it printed on stderr. */
export async function runCase(php: string, name: string): Promise<string> {
  return runFailingCase(
    php,
    ['cases.php', name],
    { cwd: RUN_DIR },
    name,
    'an uncaught exception',
    (msg) => new PhpSnippetError(msg),
  );
}

/** The error type and message the PHP parser reads from a case's output. */
export function outcomeOf(name: string, output: string): PhpSnippetOutcome {
  return outcomeWith(phpParser, name, output, 'PHP exception', (msg) => new PhpSnippetError(msg));
}

/** The committed capture of every case, by name. */
export function readCaptures(): Map<string, string> {
  return readCapturesIn(CAPTURED_DIR);
}
