import type { ParsedTrace, StackTraceParser } from '../../core/parse/parsedTrace.ts';
import type { Frame } from '../../core/schema/errorEvent.ts';
import { isRustAssertValueLine, isRustFrameLine, isRustHeaderLine, isRustLocationLine } from './detector.ts';

/**
 * Rust panics (1.73+ format) and the stack-overflow abort. Rust has no exception classes, so errorType is chosen
 * here: `panic` for every panic (the message says what failed: `called \`Option::unwrap()\` on a \`None\` value`,
 * `attempt to divide by zero`, or `<expect text>: <Debug of the error>`), `fatal runtime error` for the abort.
 * Frames come from the RUST_BACKTRACE=1 backtrace, innermost first as printed; without one, the panic location
 * from the header is the only frame (with `#[track_caller]` it is the caller of `unwrap`, the application's line).
 */

const PANIC_HEADER = /^thread '(?<thread>[^']*)'(?: \(\d+\))? panicked at (?<location>.*):$/;
const LOCATION = /^(?<file>.*?):(?<line>\d{1,9})(?::(?<column>\d{1,9}))?$/;
const STD_CRATES = ['std::', 'core::', 'alloc::', '__rustc::', 'rust_begin_unwind', 'panic_unwind::', 'backtrace::'];
/** Toolchain sources (`/rustc/<commit>/library/...`) and downloaded crates. */
const LIBRARY_MARKERS = ['/rustc/', '/.cargo/registry/', '/.cargo/git/', '/.rustup/toolchains/'];

function isStdSymbol(symbol: string): boolean {
  const bare = symbol.startsWith('<') ? symbol.slice(1) : symbol;
  return STD_CRATES.some((crate) => bare.startsWith(crate));
}

export function isRustInApp(file: string, symbol: string | null): boolean {
  if (symbol !== null && isStdSymbol(symbol)) return false;
  if (file.length === 0 || file === '<unknown>') return false;
  return !LIBRARY_MARKERS.some((marker) => file.includes(marker));
}

function parseLocation(text: string): { file: string; line: number | null; column: number | null } {
  const match = LOCATION.exec(text.trim());
  if (!match?.groups) return { file: text.trim(), line: null, column: null };
  const column = match.groups['column'];
  return {
    file: match.groups['file'] ?? '',
    line: Number(match.groups['line']),
    column: column === undefined ? null : Number(column),
  };
}

/** Splits `snippets::orders::total` into module `snippets::orders` and function `total`, outside `<...>`. */
export function splitRustSymbol(symbol: string): { module: string | null; function: string } {
  let depth = 0;
  let split = -1;
  for (let i = 0; i < symbol.length - 1; i++) {
    const code = symbol.charCodeAt(i);
    if (code === 0x3c) depth++;
    else if (code === 0x3e) depth = Math.max(0, depth - 1);
    else if (depth === 0 && code === 0x3a && symbol.charCodeAt(i + 1) === 0x3a) split = i;
  }
  if (split === -1) return { module: null, function: symbol };
  return { module: symbol.slice(0, split), function: symbol.slice(split + 2) };
}

function backtraceFrames(lines: readonly string[], start: number): Frame[] {
  const frames: Frame[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!isRustFrameLine(line)) continue;
    const symbol = line.slice(line.indexOf(':') + 1).trim();
    const next = lines[i + 1] ?? '';
    const location = isRustLocationLine(next) ? parseLocation(next.trim().slice(3)) : null;
    if (location !== null) i++;
    const name = splitRustSymbol(symbol);
    const file = location?.file ?? '<unknown>';
    frames.push({
      file,
      line: location?.line ?? null,
      column: location?.column ?? null,
      function: name.function,
      module: name.module,
      inApp: isRustInApp(file, symbol),
    });
  }
  return frames;
}

function parseRust(excerpt: string): ParsedTrace | null {
  const lines = excerpt.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  // A worker's panic may be printed before the one that ended the process: the last header is the event.
  let start = -1;
  for (let i = 0; i < lines.length; i++) if (isRustHeaderLine(lines[i] ?? '')) start = i;
  const header = lines[start];
  if (header === undefined) return null;
  const runtime = { name: 'rust', version: null };
  const panic = PANIC_HEADER.exec(header);
  if (panic?.groups === undefined) {
    const fatal = lines[start + 1] ?? '';
    const message = fatal.startsWith('fatal runtime error: ') ? fatal.slice(21) : 'stack overflow';
    return { language: 'rust', errorType: 'fatal runtime error', message, frames: [], causes: [], runtime };
  }
  const messageLines = [lines[start + 1] ?? ''];
  let next = start + 2;
  while (next < lines.length && isRustAssertValueLine(lines[next] ?? '')) messageLines.push(lines[next++] ?? '');
  const frames = backtraceFrames(lines, next);
  if (frames.length === 0) {
    const location = parseLocation(panic.groups['location'] ?? '');
    frames.push({ ...location, function: null, module: null, inApp: isRustInApp(location.file, null) });
  }
  return { language: 'rust', errorType: 'panic', message: messageLines.join('\n'), frames, causes: [], runtime };
}

export const rustParser: StackTraceParser = {
  language: 'rust',
  parse(excerpt: string): ParsedTrace | null {
    try {
      return parseRust(excerpt);
    } catch {
      // The contract is "never throw": a log is untrusted input and one odd block must not stop the pipeline.
      return null;
    }
  },
};
