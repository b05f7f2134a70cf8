import type { Cause, ParsedTrace, StackTraceParser } from '../../core/parse/parsedTrace.ts';
import type { Frame } from '../../core/schema/errorEvent.ts';
import { matchRubyFrom, matchRubyHeader } from './detector.ts';

/**
 * Uncaught Ruby exceptions (Ruby 3.x format). errorType is the exception class (`NoMethodError`, `Errno::ENOENT`,
 * `JSON::ParserError`), the message is the text on the header line: error_highlight's code excerpt under it is
 * source text, not part of what the program raised, and differs with every call site.
 * Frames: the header's location, then the `from` lines, innermost first as printed. Exceptions printed after the
 * backtrace are the causes (`raise` inside `rescue` keeps the rescued one as `cause`), outermost link first.
 */

/** Ruby's own library, gems (system, bundler's vendor/bundle, version managers) and C-implemented internals. */
const LIBRARY_MARKERS = ['/gems/', '/lib/ruby/', '/vendor/bundle/', '/rubygems/', '/.rbenv/', '/.rvm/', '/.gem/'];
const RUBY_VERSION = /\/ruby\/(\d+\.\d+\.\d+)\//;
/** `block (2 levels) in process`, `rescue in load`, `ensure in save`: the method is the last word. */
const BLOCK_PREFIX = /^(?:(?:block(?: \(\d+ levels\))?|rescue|ensure) in )+/;

export function isRubyInApp(file: string): boolean {
  if (file.length === 0 || file.startsWith('<internal:')) return false;
  return !LIBRARY_MARKERS.some((marker) => file.includes(marker));
}

/** `block in Order#total` (3.4) -> module `Order`, function `total`; `<main>` stays as it is. */
export function splitRubyFunction(raw: string | undefined): { function: string | null; module: string | null } {
  if (raw === undefined || raw.length === 0) return { function: null, module: null };
  const name = raw.replace(BLOCK_PREFIX, '');
  const split = Math.max(name.lastIndexOf('#'), name.lastIndexOf('.'));
  if (split <= 0 || name.startsWith('<')) return { function: name, module: null };
  return { function: name.slice(split + 1), module: name.slice(0, split) };
}

function frameOf(groups: Record<string, string | undefined>): Frame {
  const file = groups['file'] ?? '';
  return {
    file,
    line: Number(groups['line']),
    column: null,
    ...splitRubyFunction(groups['function']),
    inApp: isRubyInApp(file),
  };
}

interface RubyException {
  errorType: string;
  message: string;
  frames: Frame[];
}

function parseRuby(excerpt: string): ParsedTrace | null {
  const lines = excerpt.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const exceptions: RubyException[] = [];
  for (const line of lines) {
    const header = matchRubyHeader(line);
    if (header?.groups) {
      const { type, message } = header.groups;
      exceptions.push({ errorType: type ?? '', message: message ?? '', frames: [frameOf(header.groups)] });
      continue;
    }
    const from = matchRubyFrom(line);
    const current = exceptions[exceptions.length - 1];
    if (from?.groups && current) current.frames.push(frameOf(from.groups));
  }
  const [event, ...rest] = exceptions;
  if (event === undefined) return null;
  const causes: Cause[] = rest.map(({ errorType, message }) => ({ errorType, message, relation: 'cause' }));
  const version = lines.map((line) => RUBY_VERSION.exec(line)?.[1]).find((v) => v !== undefined) ?? null;
  return {
    language: 'ruby',
    errorType: event.errorType,
    message: event.message,
    frames: event.frames,
    causes,
    runtime: { name: 'ruby', version },
  };
}

export const rubyParser: StackTraceParser = {
  language: 'ruby',
  parse(excerpt: string): ParsedTrace | null {
    try {
      return parseRuby(excerpt);
    } catch {
      // The contract is "never throw": a log is untrusted input and one odd block must not stop the pipeline.
      return null;
    }
  },
};
