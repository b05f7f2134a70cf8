import type { TraceBlockDetector } from '../../core/extract/extractedError.ts';

/*
 * Shapes of a V8 error in a plain-text log (all captured from Node 20, see test/fixtures/runtime/output/javascript):
 *
 *   console.error(err) / err.stack          Node's uncaught-exception report
 *   TypeError: msg                          /srv/app/a.js:12                 <- location of the throw
 *       at f (/srv/app/a.js:12:7)           const x = o.y.z;                 <- source line
 *       at async g (file:///srv/b.mjs:3:5)             ^                     <- caret
 *     [cause]: Error: inner                                                  <- (blank, or none for ESM link errors)
 *   }                                       TypeError: msg
 *                                               at f (/srv/app/a.js:12:7)
 *                                           (blank)
 *                                           Node.js v20.20.2
 */

const SPACE = 0x20;
const TAB = 0x09;

/** Lines that may follow an error header before its first frame (`Require stack:` lists, multi-line messages). */
const MAX_MESSAGE_LINES = 6;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isUpperCase(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

function isIdentifierStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x24;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || isDigit(code);
}

/**
 * `    at fn (file:1:2)`, `    at file:1:2`, `    at <anonymous>`: indentation, `at `, and a location at the end (then
 * maybe ` {` before own properties, or `,` inside an AggregateError's list). A location in parentheses follows a
 * space, which tells V8 frames from Java's `\tat pkg.Cls.method(Cls.java:27)`.
 */
export function isV8FrameLine(line: string): boolean {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
  if (i === 0 || !line.startsWith('at ', i)) return false;
  let end = line.length;
  if (line.endsWith(' {')) end -= 2;
  else if (line.endsWith(',')) end -= 1;
  const last = line.charCodeAt(end - 1);
  if (last === 0x29 /* ) */) return line.includes(' (', i + 3);
  return last === 0x3e /* > */ || isDigit(last);
}

/** The `file:line` Node prints first in an uncaught-exception report (`/srv/a.js:3`, `node:fs:573`, `[eval]:1`). */
export function isV8LocationLine(line: string): boolean {
  const first = line.charCodeAt(0);
  const looksLikePath =
    first === 0x2f /* / */ ||
    first === 0x3c /* < */ ||
    first === 0x5b /* [ */ ||
    first === 0x2e /* . */ ||
    line.startsWith('file://') ||
    line.startsWith('node:') ||
    (isIdentifierStart(first) && line.charCodeAt(1) === 0x3a /* : */ && line.charCodeAt(2) === 0x5c); /* C:\ */
  if (!looksLikePath) return false;
  let i = line.length - 1;
  if (i < 2 || !isDigit(line.charCodeAt(i))) return false;
  while (i > 0 && isDigit(line.charCodeAt(i))) i--;
  return line.charCodeAt(i) === 0x3a && i > 0;
}

/** The caret line under the source line: only blanks, `^` and `~`, with at least one `^`. */
export function isCaretLine(line: string): boolean {
  let carets = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 0x5e) carets++;
    else if (code !== SPACE && code !== TAB && code !== 0x7e) return false;
  }
  return carets > 0;
}

/**
 * End of the error name in a header line (`TypeError: msg`, `Error`, `TypeError [ERR_X]: msg`), or -1. Error
 * classes are capitalized by convention, which also keeps Go's `panic: ` and `fatal error: ` lines out. Linear: one
 * scan of the identifier and, for a Node error code, of the bracket.
 */
export function v8HeaderNameEnd(line: string): number {
  if (!isUpperCase(line.charCodeAt(0))) return -1;
  let i = 1;
  while (i < line.length && isIdentifierPart(line.charCodeAt(i))) i++;
  const nameEnd = i;
  if (line.startsWith(' [', i)) {
    const close = line.indexOf(']', i + 2);
    if (close === -1) return -1;
    i = close + 1;
  }
  if (i === line.length || line.startsWith(': ', i) || (line.charCodeAt(i) === 0x3a && i === line.length - 1)) {
    return nameEnd;
  }
  return -1;
}

/**
 * The caret line of an uncaught report. For an error in `JSON.parse`, Node prints the JSON text as the "source"
 * (`<anonymous_script>:1`) and an empty line where the caret would be.
 */
export function isReportCaret(location: string, line: string): boolean {
  return isCaretLine(line) || (line.length === 0 && location.startsWith('<anonymous_script>:'));
}

function isUncaughtReport(block: readonly string[]): boolean {
  const first = block[0];
  const caret = block[2];
  return first !== undefined && caret !== undefined && isV8LocationLine(first) && isReportCaret(first, caret);
}

/** Blank lines Node (or a source-map hook like tsx's) prints between the caret and the header: 1 or 2 seen. */
const MAX_BLANKS_BEFORE_HEADER = 3;

/**
 * Index of the header line: 0 for a printed stack; in an uncaught-exception report the first non-blank line after
 * the caret, or -1 while only blank lines have come.
 */
export function v8HeaderIndex(block: readonly string[]): number {
  if (!isUncaughtReport(block)) return 0;
  for (let i = 3; i < block.length && i <= 3 + MAX_BLANKS_BEFORE_HEADER; i++) {
    if ((block[i] ?? '').length > 0) return i;
  }
  return -1;
}

function hasFrameSince(block: readonly string[], start: number): boolean {
  for (let i = block.length - 1; i > start; i--) {
    if (isV8FrameLine(block[i] ?? '')) return true;
  }
  return false;
}

function continuesAfterHeader(line: string, block: readonly string[], header: number): boolean {
  const last = block[block.length - 1] ?? '';
  if (last.startsWith('Node.js v')) return false;
  const first = line.charCodeAt(0);
  // Indented lines are frames, then own properties and `[cause]` stacks; before the first frame only a frame is.
  if (first === SPACE || first === TAB) return isV8FrameLine(line) || hasFrameSince(block, header);
  if (line.length === 0) return last.length !== 0;
  if (first === 0x7d /* } */) return last.charCodeAt(0) === SPACE || last === '}';
  if (line.startsWith('Node.js v') || line.startsWith('(Use `node')) return true;
  // Another error's header or report location starts a new block rather than extending this message.
  if (line.startsWith('{"') || v8HeaderNameEnd(line) !== -1 || isV8LocationLine(line)) return false;
  // A multi-line message (`Require stack:` ...) comes before the first frame and is short.
  return block.length - header <= MAX_MESSAGE_LINES && !hasFrameSince(block, header);
}

export const javascriptDetector: TraceBlockDetector = {
  language: 'javascript',

  begins(line: string): boolean {
    if (line.length === 0) return false;
    return v8HeaderNameEnd(line) !== -1 || isV8LocationLine(line);
  },

  continues(line: string, block: readonly string[]): boolean {
    const first = block[0] ?? '';
    if (isV8LocationLine(first)) {
      // Uncaught-exception report: source line, caret, blank lines, header, then the printed stack.
      if (block.length === 1) return true;
      if (block.length === 2) return isReportCaret(first, line);
      if (v8HeaderIndex(block) === -1) return line.length > 0 || block.length < 3 + MAX_BLANKS_BEFORE_HEADER;
    }
    return continuesAfterHeader(line, block, v8HeaderIndex(block));
  },

  accepts(block: readonly string[]): boolean {
    if (isUncaughtReport(block)) return v8HeaderIndex(block) !== -1;
    return hasFrameSince(block, 0);
  },

  printedByRuntime(block: readonly string[]): boolean {
    return isUncaughtReport(block);
  },
};
