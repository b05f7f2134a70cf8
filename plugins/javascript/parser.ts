import { fileURLToPath } from 'node:url';
import type { Cause, ParsedTrace, StackTraceParser } from '../../core/parse/parsedTrace.ts';
import type { Frame } from '../../core/schema/errorEvent.ts';
import { isReportCaret, isV8FrameLine, isV8LocationLine, v8HeaderNameEnd } from './detector.ts';
import { isJavaScriptInApp, javaScriptPackageOf } from './inApp.ts';

/**
 * V8 stack traces as Node 20 prints them: `err.stack`, `console.error(err)` (with `[cause]:` chains and own
 * properties) and the uncaught-exception report (`file:line`, source, caret, stack, `Node.js v20.x`).
 *
 * A thrown value that is not an Error (`throw 42`, a rejected plain object) has no name: its errorType is `Uncaught`
 * and its message the value as Node printed it.
 */

const TYPESCRIPT_FILE = /\.(?:ts|tsx|mts|cts)$/;

interface Location {
  file: string;
  line: number | null;
  column: number | null;
}

function digitsAt(text: string, start: number, end: number): number | null {
  if (end <= start || end - start > 9) return null;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return null;
  }
  return Number(text.slice(start, end));
}

function toPath(file: string): string {
  if (!file.startsWith('file://')) return file;
  try {
    return fileURLToPath(file);
  } catch {
    // A URL Node would not accept on this platform (a host part, a Windows drive on POSIX): keep it readable.
    return file.slice('file://'.length);
  }
}

/** `file:line:col`, `file:line`, `<anonymous>`, `native`, `index 0` (Promise.all). */
function parseLocation(text: string): Location {
  let location = text;
  // `eval at f (file:1:2), <anonymous>:1:22`: the frame runs in the eval'd code, whose location comes last.
  if (location.startsWith('eval at ')) {
    const comma = location.lastIndexOf(', ');
    if (comma !== -1) location = location.slice(comma + 2);
  }
  const lastColon = location.lastIndexOf(':');
  const tail = digitsAt(location, lastColon + 1, location.length);
  if (lastColon > 0 && tail !== null) {
    const prevColon = location.lastIndexOf(':', lastColon - 1);
    const line = digitsAt(location, prevColon + 1, lastColon);
    if (prevColon > 0 && line !== null) {
      return { file: toPath(location.slice(0, prevColon)), line, column: tail };
    }
    return { file: toPath(location.slice(0, lastColon)), line: tail, column: null };
  }
  return { file: location, line: null, column: null };
}

/** Index of the `(` that matches the `)` ending `text`, scanning back once; -1 when unbalanced. */
function openingParen(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 0x29) depth++;
    else if (code === 0x28 && --depth === 0) return i;
  }
  return -1;
}

export function parseV8Frame(line: string): Frame | null {
  const at = line.indexOf('at ');
  if (at === -1) return null;
  let rest = line.slice(at + 3).trimEnd();
  if (rest.endsWith(' {')) rest = rest.slice(0, -2);
  const isAsync = rest.startsWith('async ');
  if (isAsync) rest = rest.slice(6);
  let fn: string | null = null;
  let locationText = rest;
  if (rest.endsWith(')')) {
    const open = openingParen(rest);
    if (open > 0 && rest.charCodeAt(open - 1) === 0x20) {
      fn = rest.slice(0, open - 1);
      locationText = rest.slice(open + 1, -1);
    }
  }
  const { file, line: lineNo, column } = parseLocation(locationText);
  const module = javaScriptPackageOf(file) ?? (file.startsWith('node:') ? file : null);
  const frame: Frame = {
    file,
    line: lineNo,
    column,
    function: fn,
    module,
    inApp: lineNo !== null && isJavaScriptInApp(file),
  };
  if (isAsync) frame.async = true;
  return frame;
}

function parseHeader(line: string): { errorType: string; message: string } | null {
  const nameEnd = v8HeaderNameEnd(line);
  if (nameEnd === -1) return null;
  const separator = line.indexOf(': ', nameEnd);
  const message = separator === -1 ? '' : line.slice(separator + 2);
  return { errorType: line.slice(0, nameEnd), message };
}

/** The header's index, after the location, source and caret lines of an uncaught-exception report if there are. */
function findHeader(lines: readonly string[]): { index: number; uncaught: boolean } {
  const uncaught = isV8LocationLine(lines[0] ?? '') && isReportCaret(lines[0] ?? '', lines[2] ?? '');
  for (let i = uncaught ? 3 : 0; i < lines.length; i++) {
    if ((lines[i] ?? '').trim().length > 0) return { index: i, uncaught };
  }
  return { index: -1, uncaught };
}

function parseCause(line: string): Cause | null {
  const marker = line.indexOf('[cause]: ');
  if (marker === -1) return null;
  const header = parseHeader(line.slice(marker + '[cause]: '.length));
  return header === null ? null : { ...header, relation: 'cause' };
}

function parseV8(excerpt: string): ParsedTrace | null {
  const lines = excerpt.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const { index: headerAt, uncaught } = findHeader(lines);
  const headerLine = lines[headerAt];
  if (headerLine === undefined) return null;
  const header = parseHeader(headerLine) ?? (uncaught ? { errorType: 'Uncaught', message: headerLine.trim() } : null);
  if (header === null) return null;

  const frames: Frame[] = [];
  const causes: Cause[] = [];
  const messageLines = [header.message];
  let runtime: ParsedTrace['runtime'] = null;
  let frameIndent = -1;
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isV8FrameLine(line)) {
      const indent = line.indexOf('at ');
      if (frameIndent === -1) frameIndent = indent;
      // Deeper frames belong to a `[cause]` or an AggregateError's `[errors]`, which have their own stacks.
      if (indent !== frameIndent) continue;
      const frame = parseV8Frame(line);
      if (frame !== null) frames.push(frame);
    } else if (line.startsWith('Node.js v')) {
      runtime = { name: 'node', version: line.slice('Node.js v'.length).trim() || null };
    } else if (line.includes('[cause]: ')) {
      const cause = parseCause(line);
      if (cause !== null) causes.push(cause);
    } else if (frameIndent === -1 && line.length > 0 && !line.startsWith('(Use `node')) {
      messageLines.push(line);
    }
  }

  const innermostInApp = frames.find((frame) => frame.inApp);
  const language =
    innermostInApp !== undefined && TYPESCRIPT_FILE.test(innermostInApp.file) ? 'typescript' : 'javascript';
  return { language, errorType: header.errorType, message: messageLines.join('\n'), frames, causes, runtime };
}

export const javascriptParser: StackTraceParser = {
  language: 'javascript',
  parse(excerpt: string): ParsedTrace | null {
    try {
      return parseV8(excerpt);
    } catch {
      // The contract is "never throw": a log is untrusted input and one odd block must not stop the pipeline.
      return null;
    }
  },
};
