import { fileURLToPath } from 'node:url';
import {
  listCases as listSnippetCases,
  outcomeWith,
  readCapturesIn,
  runFailingCase,
  type SnippetOutcome,
} from '../../shared/snippetCases.ts';
import { rubyParser } from '../parser.ts';

/** What one snippet made Ruby report, read from its output by the Ruby parser. */
export type RubySnippetOutcome = SnippetOutcome;

export class RubySnippetError extends Error {
  override name = 'RubySnippetError';
}

export const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
/** Raw output of every case as Ruby printed it on stderr (committed; rewritten by `--write`). */
export const CAPTURED_DIR = fileURLToPath(new URL('./captured/', import.meta.url));

/** Names of the cases the script knows (it prints them when run without arguments). */
export async function listCases(ruby: string): Promise<string[]> {
  return listSnippetCases(ruby, ['cases.rb'], { cwd: SNIPPETS_DIR });
}

/** Runs one case from the snippets directory (so frames read `cases.rb:12`) and returns what it printed on stderr. */
export async function runCase(ruby: string, name: string): Promise<string> {
  return runFailingCase(
    ruby,
    ['cases.rb', name],
    { cwd: SNIPPETS_DIR },
    name,
    'an exception',
    (msg) => new RubySnippetError(msg),
  );
}

/** The error type and message the Ruby parser reads from a case's output. */
export function outcomeOf(name: string, output: string): RubySnippetOutcome {
  return outcomeWith(rubyParser, name, output, 'Ruby exception', (msg) => new RubySnippetError(msg));
}

/** The committed capture of every case, by name. */
export function readCaptures(): Map<string, string> {
  return readCapturesIn(CAPTURED_DIR);
}
