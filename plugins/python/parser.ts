import type { Cause, ParsedTrace, StackTraceParser } from '../../core/parse/parsedTrace.ts';
import type { Frame } from '../../core/schema/errorEvent.ts';
import { CAUSE_SEPARATOR, CONTEXT_SEPARATOR, GROUP_HEADER, isPythonFrameLine, TRACEBACK_HEADER } from './detector.ts';

/**
 * CPython 3.11 tracebacks. With chained exceptions the LAST section is the one that reached the top: it is the
 * event, and the earlier sections become `causes`, nearest link first (the section printed just before the event).
 * For an exception group only the group's own traceback is read; its sub-exceptions are not causes.
 */

/** Where the interpreter and installed packages live: not code the fixer should edit. */
const LIBRARY_MARKERS = ['site-packages', 'dist-packages', '/lib/python3', '\\Lib\\', '/lib/pypy'];
const VERSION_IN_PATH = /\/python(3\.\d{1,2})\//;

interface Section {
  frames: Frame[];
  errorType: string | null;
  message: string;
  /** How the previous section leads to this one (the separator printed before it). */
  linkFromPrevious: Cause['relation'] | null;
}

export function isPythonInApp(file: string): boolean {
  if (file.length === 0 || file.charCodeAt(0) === 0x3c /* <frozen ...>, <string>, <stdin> */) return false;
  return !LIBRARY_MARKERS.some((marker) => file.includes(marker));
}

/** `  File "path", line N, in fn`: the function is `null` for module-level code (`<module>`). */
export function parsePythonFrame(line: string): Frame | null {
  const quoteEnd = line.indexOf('", line ', 8);
  if (!line.startsWith('  File "') || quoteEnd === -1) return null;
  const file = line.slice(8, quoteEnd);
  let i = quoteEnd + 8;
  const digitsStart = i;
  while (i < line.length && i - digitsStart < 9 && line.charCodeAt(i) >= 0x30 && line.charCodeAt(i) <= 0x39) i++;
  const lineNo = i > digitsStart ? Number(line.slice(digitsStart, i)) : null;
  const fn = line.startsWith(', in ', i) ? line.slice(i + 5).trimEnd() : null;
  return {
    file,
    line: lineNo,
    column: null,
    function: fn === '<module>' ? null : fn,
    module: null,
    inApp: isPythonInApp(file),
  };
}

/** `pkg.mod.Error: message` or a bare `Error`; `null` when the type is not a dotted identifier. */
function parseExceptionLine(line: string): { errorType: string; message: string } | null {
  const colon = line.indexOf(': ');
  const type = colon === -1 ? line.trimEnd() : line.slice(0, colon);
  if (!/^[A-Za-z_][\w.]*$/.test(type) || type.endsWith('.')) return null;
  return { errorType: type, message: colon === -1 ? '' : line.slice(colon + 2) };
}

/** An exception group's own traceback, without its `+-+---- n ----` sub-exceptions. */
function unwrapGroup(lines: readonly string[]): string[] {
  const own: string[] = [];
  for (const line of lines) {
    if (line.startsWith(GROUP_HEADER)) own.push(TRACEBACK_HEADER);
    else if (line.startsWith('  | ')) own.push(line.slice(4));
    else if (line.trimStart().startsWith('+-')) break;
  }
  return own;
}

function readSections(lines: readonly string[]): Section[] {
  const sections: Section[] = [];
  let current: Section = { frames: [], errorType: null, message: '', linkFromPrevious: null };
  let pendingLink: Cause['relation'] | null = null;
  const startSection = (): void => {
    if (current.errorType !== null || current.frames.length > 0) sections.push(current);
    current = { frames: [], errorType: null, message: '', linkFromPrevious: pendingLink };
    pendingLink = null;
  };
  for (const line of lines) {
    if (line.length === 0) continue;
    if (line.startsWith(TRACEBACK_HEADER)) startSection();
    else if (line === CONTEXT_SEPARATOR) pendingLink = 'context';
    else if (line === CAUSE_SEPARATOR) pendingLink = 'cause';
    else if (isPythonFrameLine(line)) {
      if (current.errorType !== null) startSection();
      const frame = parsePythonFrame(line);
      if (frame !== null) current.frames.push(frame);
    } else if (line.charCodeAt(0) !== 0x20 && line.charCodeAt(0) !== 0x09) {
      const exception = current.errorType === null ? parseExceptionLine(line) : null;
      if (exception !== null) {
        current.errorType = exception.errorType;
        current.message = exception.message;
      } else if (current.errorType !== null) {
        // The rest of a multi-line message (`ValueError("a\nb")` prints `ValueError: a` then `b`).
        current.message += `\n${line}`;
      }
    }
  }
  sections.push(current);
  return sections.filter((section) => section.errorType !== null);
}

function parsePython(excerpt: string): ParsedTrace | null {
  let lines = excerpt.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.some((line) => line.startsWith(GROUP_HEADER))) lines = unwrapGroup(lines);
  const sections = readSections(lines);
  const event = sections[sections.length - 1];
  if (event === undefined || event.errorType === null) return null;
  const causes: Cause[] = [];
  for (let i = sections.length - 2; i >= 0; i--) {
    const section = sections[i];
    const link = sections[i + 1]?.linkFromPrevious ?? 'context';
    if (section?.errorType != null)
      causes.push({ errorType: section.errorType, message: section.message, relation: link });
  }
  const frames = event.frames.slice().reverse();
  const versionMatch = sections.flatMap((s) => s.frames).find((f) => VERSION_IN_PATH.test(f.file));
  const version = versionMatch === undefined ? null : (VERSION_IN_PATH.exec(versionMatch.file)?.[1] ?? null);
  return {
    language: 'python',
    errorType: event.errorType,
    message: event.message,
    frames,
    causes,
    runtime: { name: 'python', version },
  };
}

export const pythonParser: StackTraceParser = {
  language: 'python',
  parse(excerpt: string): ParsedTrace | null {
    try {
      return parsePython(excerpt);
    } catch {
      // The contract is "never throw": a log is untrusted input and one odd block must not stop the pipeline.
      return null;
    }
  },
};
