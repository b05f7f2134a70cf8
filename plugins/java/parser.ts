import type { Cause, ParsedTrace, StackTraceParser } from '../../core/parse/parsedTrace.ts';
import type { Frame } from '../../core/schema/errorEvent.ts';
import { isJavaChainLine, isJavaFrameLine, javaThrowableNameEnd, UNCAUGHT_PREFIX } from './detector.ts';

/**
 * JVM stack traces (Java 17 `printStackTrace`, logback). The event is the OUTERMOST throwable, with its own frames;
 * `Caused by:` and `Suppressed:` throwables become causes in the order printed (outermost link first).
 */

/** The JDK and the frameworks an application runs on: frames in them are not where a fix goes. */
const LIBRARY_PACKAGES = [
  'java.',
  'javax.',
  'jakarta.',
  'jdk.',
  'sun.',
  'com.sun.',
  'kotlin.',
  'kotlinx.',
  'scala.',
  'groovy.',
  'org.springframework.',
  'org.apache.',
  'org.hibernate.',
  'org.eclipse.jetty.',
  'org.junit.',
  'org.slf4j.',
  'ch.qos.logback.',
  'com.fasterxml.jackson.',
  'com.google.common.',
  'io.netty.',
  'io.micrometer.',
  'io.undertow.',
  'reactor.',
  'okhttp3.',
  'com.zaxxer.hikari.',
];

export function isJavaInApp(className: string, runtimeModule: string | null): boolean {
  // JPMS module prefixes: `java.base/`, `jdk.internal.vm.ci/`; `app//` is the application class loader.
  if (runtimeModule !== null && (runtimeModule.startsWith('java.') || runtimeModule.startsWith('jdk.'))) return false;
  return !LIBRARY_PACKAGES.some((prefix) => className.startsWith(prefix));
}

/** `\tat [loader/][module@version/]pkg.Cls$Inner.method(File.java:42)[ ~[jar:1.0]]`. */
export function parseJavaFrame(line: string): Frame | null {
  const at = line.indexOf('at ');
  const open = line.indexOf('(', at);
  const close = line.indexOf(')', open);
  if (at === -1 || open === -1 || close === -1) return null;
  const qualified = line.slice(at + 3, open).trim();
  const slash = qualified.lastIndexOf('/');
  const runtimeModule = slash === -1 ? null : qualified.slice(0, slash);
  const member = qualified.slice(slash + 1);
  const dot = member.lastIndexOf('.');
  const className = dot === -1 ? null : member.slice(0, dot);
  const location = line.slice(open + 1, close);
  const colon = location.lastIndexOf(':');
  const lineText = colon === -1 ? '' : location.slice(colon + 1);
  const lineNo = /^\d{1,9}$/.test(lineText) ? Number(lineText) : null;
  return {
    file: lineNo === null ? location : location.slice(0, colon),
    line: lineNo,
    column: null,
    function: dot === -1 ? member : member.slice(dot + 1),
    module: className,
    inApp: className !== null && isJavaInApp(className, runtimeModule),
  };
}

/** `pkg.Type: message` or `pkg.Type`; `null` when the line does not start with a throwable class name. */
function parseThrowable(text: string): { errorType: string; message: string } | null {
  const end = javaThrowableNameEnd(text);
  if (end === -1) return null;
  return { errorType: text.slice(0, end), message: text.startsWith(': ', end) ? text.slice(end + 2) : '' };
}

/** The header after `Exception in thread "name" `; thread names may themselves contain quotes. */
function stripUncaughtPrefix(line: string): string {
  if (!line.startsWith(UNCAUGHT_PREFIX)) return line;
  const close = line.indexOf('" ', UNCAUGHT_PREFIX.length);
  return close === -1 ? line : line.slice(close + 2);
}

function runtimeOf(frames: readonly string[]): ParsedTrace['runtime'] {
  // Stack frames print the JDK version when the module carries one: `java.base@17.0.2/java.lang.Thread.run`.
  for (const line of frames) {
    const marker = line.indexOf('java.base@');
    if (marker !== -1) {
      const end = line.indexOf('/', marker);
      if (end !== -1) return { name: 'java', version: line.slice(marker + 'java.base@'.length, end) };
    }
  }
  return { name: 'java', version: null };
}

function parseJava(excerpt: string): ParsedTrace | null {
  const lines = excerpt.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const headerAt = lines.findIndex((line) => line.trim().length > 0);
  const header = parseThrowable(stripUncaughtPrefix(lines[headerAt] ?? ''));
  if (header === null) return null;

  const frames: Frame[] = [];
  const frameLines: string[] = [];
  const causes: Cause[] = [];
  const messageLines = [header.message];
  let inOutermost = true;
  let seenFrame = false;
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isJavaChainLine(line)) {
      inOutermost = false;
      const trimmed = line.trimStart();
      const suppressed = trimmed.startsWith('Suppressed: ');
      const link = parseThrowable(trimmed.slice(suppressed ? 'Suppressed: '.length : 'Caused by: '.length));
      if (link !== null) causes.push({ ...link, relation: suppressed ? 'suppressed' : 'caused-by' });
    } else if (isJavaFrameLine(line)) {
      seenFrame = true;
      frameLines.push(line);
      if (!inOutermost || !line.trimStart().startsWith('at ')) continue;
      const frame = parseJavaFrame(line);
      if (frame !== null) frames.push(frame);
    } else if (inOutermost && !seenFrame && line.length > 0) {
      messageLines.push(line);
    }
  }
  return {
    language: 'java',
    errorType: header.errorType,
    message: messageLines.join('\n'),
    frames,
    causes,
    runtime: runtimeOf(frameLines),
  };
}

export const javaParser: StackTraceParser = {
  language: 'java',
  parse(excerpt: string): ParsedTrace | null {
    try {
      return parseJava(excerpt);
    } catch {
      // The contract is "never throw": a log is untrusted input and one odd block must not stop the pipeline.
      return null;
    }
  },
};
