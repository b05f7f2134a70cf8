import type { TraceBlockDetector } from '../../core/extract/extractedError.ts';

/*
 * An uncaught PHP 8 exception as the CLI and FPM log it (captured from PHP 8.2 in rules/captured/):
 *
 *   PHP Fatal error:  Uncaught TypeError: addTax(): Argument #1 ... given in /app/cases.php:19   <- `PHP ` on the
 *   Stack trace:                                                      log (stderr), none on the page; FPM adds a date
 *   #0 /app/cases.php(20): addTax()                                  <- call site of each function, innermost first
 *   #1 {main}
 *   (blank)
 *   Next RuntimeException: config is invalid in /app/cases.php:38    <- an exception thrown with this one as previous
 *   Stack trace: ...
 *     thrown in /app/cases.php on line 19
 *
 * and an exception converted to a string by the application (`(string) $e`, loggers), whose trace is
 * `getTraceAsString()`:
 *
 *   RuntimeException: order 42 has no customer in /app/cases.php:35
 *   Stack trace:
 *   #0 {main}
 */

const UNCAUGHT = /(?:^|\] |^PHP )(?:PHP )?Fatal error: {1,2}Uncaught (?<type>[A-Za-z_\\][\w\\]*): (?<rest>.*)$/;
const TO_STRING = /^(?<type>[A-Z][\w\\]*(?:Exception|Error)): (?<rest>.* in \S.*:\d+)$/;
const NEXT = /^Next (?<type>[A-Za-z_\\][\w\\]*): (?<rest>.*)$/;
const TRACE_LINE = /^#\d{1,5} /;
const THROWN = /^ {2}thrown in .* on line \d+$/;
/** Longer lines are not worth a regex run. */
const MAX_HEADER_LENGTH = 8192;

export interface PhpHeader {
  type: string;
  /** The message and ` in <file>:<line>`, as printed. */
  rest: string;
}

export function matchPhpHeader(line: string): PhpHeader | null {
  if (line.length > MAX_HEADER_LENGTH) return null;
  const match = line.includes('Uncaught ') ? UNCAUGHT.exec(line) : TO_STRING.exec(line);
  const groups = match?.groups;
  return groups ? { type: groups['type'] ?? '', rest: groups['rest'] ?? '' } : null;
}

export function matchPhpNext(line: string): PhpHeader | null {
  const groups = line.startsWith('Next ') ? NEXT.exec(line)?.groups : undefined;
  return groups ? { type: groups['type'] ?? '', rest: groups['rest'] ?? '' } : null;
}

export function isPhpTraceLine(line: string): boolean {
  return TRACE_LINE.test(line);
}

export const phpDetector: TraceBlockDetector = {
  language: 'php',

  begins(line: string): boolean {
    return matchPhpHeader(line) !== null;
  },

  continues(line: string, block: readonly string[]): boolean {
    const last = block[block.length - 1] ?? '';
    if (THROWN.test(last)) return false;
    if (line === 'Stack trace:') return !isPhpTraceLine(last);
    if (isPhpTraceLine(line)) return last === 'Stack trace:' || isPhpTraceLine(last);
    if (THROWN.test(line)) return true;
    // A chained exception follows the previous one's trace after an empty line.
    if (line.length === 0) return last.endsWith(' {main}');
    return matchPhpNext(line) !== null && (last.length === 0 || last.endsWith(' {main}'));
  },

  accepts(block: readonly string[]): boolean {
    // An application's own `Class: message in file:line` line is an exception only with its trace.
    return block.includes('Stack trace:') || (block[0] ?? '').includes('Uncaught ');
  },

  printedByRuntime(block: readonly string[]): boolean {
    return (block[0] ?? '').includes('Fatal error: ');
  },
};
