import type { TraceBlockDetector } from '../../core/extract/extractedError.ts';

/*
 * An uncaught Ruby exception as the interpreter prints it (captured from Ruby 3.1 in rules/captured/; Ruby 3.4
 * quotes 'method' instead of `method' and adds the class: 'Integer#/'):
 *
 *   cases.rb:10:in `nil_method': undefined method `upcase' for nil:NilClass (NoMethodError)
 *   (blank)                                                    <- error_highlight (3.1+): blank, code, carets
 *     def nil_method = nil_customer.upcase
 *                                  ^^^^^^^
 *   	from cases.rb:107:in `public_send'                      <- callers, innermost first
 *   	 ... 10068 levels...                                    <- elided frames of a deep stack
 *   cases.rb:82:in `Integer': invalid value ... (ArgumentError) <- the cause, printed after the backtrace
 *   	from cases.rb:82:in `load_config'
 */

const HEADER = /^(?<file>\S.*?):(?<line>\d{1,9}):in [`'](?<function>[^`']*)': (?<message>.*) \((?<type>[A-Z][\w:]*)\)$/;
const FROM = /^\tfrom (?<file>\S.*?):(?<line>\d{1,9})(?::in [`'](?<function>[^`']*)')?$/;
const ELIDED = /^\t \.\.\. \d+ levels\.\.\.$/;
const CARETS = /^\s*\^+\s*$/;
/** Longer lines are not worth a regex run: an exception header with a huge message is cut by the logger anyway. */
const MAX_HEADER_LENGTH = 8192;

export function matchRubyHeader(line: string): RegExpExecArray | null {
  if (line.length > MAX_HEADER_LENGTH || line.charCodeAt(line.length - 1) !== 0x29 || !line.includes(':in '))
    return null;
  return HEADER.exec(line);
}

export function matchRubyFrom(line: string): RegExpExecArray | null {
  return line.startsWith('\tfrom ') ? FROM.exec(line) : null;
}

export function isRubyElidedLine(line: string): boolean {
  return ELIDED.test(line);
}

export const rubyDetector: TraceBlockDetector = {
  language: 'ruby',

  begins(line: string): boolean {
    return matchRubyHeader(line) !== null;
  },

  continues(line: string, block: readonly string[]): boolean {
    if (matchRubyFrom(line) !== null || isRubyElidedLine(line)) return true;
    const last = block[block.length - 1] ?? '';
    // A cause is printed right after the backtrace of the exception it caused.
    if (matchRubyFrom(last) !== null && matchRubyHeader(line) !== null) return true;
    // error_highlight's three lines under the header: a blank line, the code, the carets.
    const sinceHeader = block.length - block.findLastIndex((entry) => matchRubyHeader(entry) !== null);
    if (sinceHeader === 1) return line.length === 0;
    if (sinceHeader === 2) return last.length === 0 && line.length > 0;
    if (sinceHeader === 3) return CARETS.test(line);
    return false;
  },

  printedByRuntime(): boolean {
    // The interpreter prints this for an exception nobody rescued; loggers print `Class: message` lines instead.
    return true;
  },
};
