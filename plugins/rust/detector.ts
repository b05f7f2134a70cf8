import type { TraceBlockDetector } from '../../core/extract/extractedError.ts';

/*
 * A Rust panic as the 1.73+ runtime prints it to stderr (captured from Rust 1.95 in rules/captured/):
 *
 *   thread 'main' (15244) panicked at src/main.rs:17:25:        <- thread id in parentheses since Rust 1.88
 *   index out of bounds: the len is 3 but the index is 5        <- the message (assert_eq! adds `  left:`/` right:`)
 *   stack backtrace:                                            <- only with RUST_BACKTRACE=1
 *      6: snippets::index_vec                                   <- frame: index, symbol
 *                at ./src/main.rs:17:25                         <- its location, when debug info has one
 *   note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
 *
 * and a stack overflow, which aborts without a backtrace:
 *
 *   thread 'main' (15443) has overflowed its stack
 *   fatal runtime error: stack overflow, aborting
 */

const HEADER = /^thread '[^']*'(?: \(\d+\))? (?:panicked at .*:$|has overflowed its stack$)/;
const FRAME_LINE = /^ {1,8}\d{1,4}: \S/;
const LOCATION_LINE = /^ {4,}at \S/;
/** `assert_eq!`/`assert_ne!` print the two values on their own lines after the message. */
const ASSERT_VALUE_LINE = /^ {0,2}(?:left|right): /;
/** A header line is short; a longer line starting `thread '` is something else (and not worth a regex run). */
const MAX_HEADER_LENGTH = 4096;

export function isRustHeaderLine(line: string): boolean {
  return line.startsWith("thread '") && line.length <= MAX_HEADER_LENGTH && HEADER.test(line);
}

export function isRustFrameLine(line: string): boolean {
  return FRAME_LINE.test(line);
}

export function isRustLocationLine(line: string): boolean {
  return LOCATION_LINE.test(line);
}

export function isRustAssertValueLine(line: string): boolean {
  return ASSERT_VALUE_LINE.test(line);
}

export const rustDetector: TraceBlockDetector = {
  language: 'rust',

  begins(line: string): boolean {
    return line.charCodeAt(0) === 0x74 /* t */ && isRustHeaderLine(line);
  },

  continues(line: string, block: readonly string[]): boolean {
    const last = block[block.length - 1] ?? '';
    if (line.length === 0 || isRustHeaderLine(line)) return false;
    // The runtime's closing notes end the report.
    if (last.startsWith('note: ') || last.startsWith('fatal runtime error: ')) return false;
    if (line.startsWith('note: ')) return true;
    const header = block[0] ?? '';
    if (header.endsWith('has overflowed its stack'))
      return block.length === 1 && line.startsWith('fatal runtime error: ');
    if (block.length === 1) return true; // the message
    if (line === 'stack backtrace:') return !block.includes('stack backtrace:');
    if (isRustFrameLine(line)) return true;
    if (isRustLocationLine(line)) return isRustFrameLine(last);
    // Before the backtrace, only an assertion's values continue the message: anything else is the next log line.
    return isRustAssertValueLine(line) && !block.includes('stack backtrace:');
  },

  printedByRuntime(): boolean {
    // The panic hook writes these lines itself; a logger never prefixes them.
    return true;
  },
};
