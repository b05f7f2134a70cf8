import type { Cause, ParsedTrace, StackTraceParser } from '../../core/parse/parsedTrace.ts';
import type { Frame } from '../../core/schema/errorEvent.ts';
import { isPhpTraceLine, matchPhpHeader, matchPhpNext, type PhpHeader } from './detector.ts';

/**
 * Uncaught PHP 8 exceptions and exceptions printed with their trace. errorType is the class as printed
 * (`TypeError`, `App\Billing\PaymentFailed`), the message is the text before the last ` in <file>:<line>`.
 * PHP's trace lines give each function's CALL SITE (`#0 /app/x.php(20): addTax()`: addTax was called at line 20),
 * so frames are rebuilt innermost first: the throw location in the function of `#0`, then `#0`'s call site in the
 * function of `#1`, and so on; `{main}` is the script's top level.
 * With chained exceptions PHP prints the previous one first and the thrown one last (`Next ...`): the last is the
 * event, the earlier ones its causes, nearest first.
 */

const LOCATED = /^(?<message>[\s\S]*) in (?<file>\S.*?):(?<line>\d{1,9})$/;
const TRACE = /^#\d{1,5} (?:(?<file>.+?)\((?<line>\d{1,9})\)|\[internal function\]): (?<call>.*)$/;
/** Composer dependencies, PEAR/Debian's PHP libraries, phars. */
const LIBRARY_MARKERS = ['/vendor/', '/usr/share/php/', 'phar://'];

export function isPhpInApp(file: string): boolean {
  if (file.length === 0 || file.startsWith('[internal')) return false;
  return !LIBRARY_MARKERS.some((marker) => file.includes(marker));
}

/** `App\Cart->total()`, `Cart::fromSession()`, `addTax()`: class and function of a trace line's call. */
export function splitPhpCall(call: string): { function: string | null; module: string | null } {
  const open = call.indexOf('(');
  const name = open === -1 ? call : call.slice(0, open);
  if (name === '{main}' || name.length === 0) return { function: null, module: null };
  const arrow = Math.max(name.lastIndexOf('->'), name.lastIndexOf('::'));
  if (arrow <= 0) return { function: name, module: null };
  return { function: name.slice(arrow + 2), module: name.slice(0, arrow) };
}

interface PhpException {
  errorType: string;
  message: string;
  file: string;
  line: number | null;
  calls: { file: string; line: number | null; call: string }[];
}

/**
 * For a wrong argument, PHP prints `..., called in <caller> on line 20 and defined in <file>:19`: the message
 * (`getMessage()`) ends at `on line 20`; ` and defined` belongs to the location PHP appends.
 */
function withoutDefinedSuffix(message: string): string {
  return message.includes(', called in ') && message.endsWith(' and defined') ? message.slice(0, -12) : message;
}

function exceptionOf(header: PhpHeader): PhpException {
  const located = LOCATED.exec(header.rest)?.groups;
  if (!located) return { errorType: header.type, message: header.rest, file: '', line: null, calls: [] };
  return {
    errorType: header.type,
    message: withoutDefinedSuffix(located['message'] ?? ''),
    file: located['file'] ?? '',
    line: Number(located['line']),
    calls: [],
  };
}

function framesOf(exception: PhpException): Frame[] {
  const frames: Frame[] = [];
  let file = exception.file;
  let line = exception.line;
  for (const call of exception.calls) {
    frames.push({ file, line, column: null, ...splitPhpCall(call.call), inApp: isPhpInApp(file) });
    file = call.file;
    line = call.line;
  }
  if (exception.calls.length === 0 && file.length > 0) {
    frames.push({ file, line, column: null, function: null, module: null, inApp: isPhpInApp(file) });
  }
  return frames;
}

function parsePhp(excerpt: string): ParsedTrace | null {
  const lines = excerpt.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const exceptions: PhpException[] = [];
  for (const line of lines) {
    const header = exceptions.length === 0 ? matchPhpHeader(line) : matchPhpNext(line);
    if (header !== null) {
      exceptions.push(exceptionOf(header));
      continue;
    }
    const current = exceptions[exceptions.length - 1];
    if (current && isPhpTraceLine(line) && line.endsWith(' {main}')) {
      current.calls.push({ file: '', line: null, call: '{main}' });
      continue;
    }
    const trace = current && isPhpTraceLine(line) ? TRACE.exec(line)?.groups : undefined;
    if (current && trace) {
      const lineNo = trace['line'];
      current.calls.push({
        file: trace['file'] ?? '[internal function]',
        line: lineNo === undefined ? null : Number(lineNo),
        call: trace['call'] ?? '',
      });
    }
  }
  const event = exceptions[exceptions.length - 1];
  if (event === undefined) return null;
  const causes: Cause[] = exceptions
    .slice(0, -1)
    .reverse()
    .map(({ errorType, message }) => ({ errorType, message, relation: 'cause' }));
  return {
    language: 'php',
    errorType: event.errorType,
    message: event.message,
    frames: framesOf(event),
    causes,
    runtime: { name: 'php', version: null },
  };
}

export const phpParser: StackTraceParser = {
  language: 'php',
  parse(excerpt: string): ParsedTrace | null {
    try {
      return parsePhp(excerpt);
    } catch {
      // The contract is "never throw": a log is untrusted input and one odd block must not stop the pipeline.
      return null;
    }
  },
};
