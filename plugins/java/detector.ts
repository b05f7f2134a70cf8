import type { TraceBlockDetector } from '../../core/extract/extractedError.ts';

/*
 * A JVM stack trace as `Throwable.printStackTrace()` and logback print it (captured from Java 17 in
 * test/fixtures/runtime/output/java):
 *
 *   Exception in thread "main" java.lang.IllegalStateException: startup failed     <- uncaught
 *   java.lang.IllegalStateException: startup failed                               <- or after a log line
 *   	at com.example.Main.main(Main.java:11)
 *   	Suppressed: java.lang.IllegalArgumentException: closing failed
 *   		at com.example.Main.main(Main.java:14)
 *   Caused by: java.io.IOException: cannot load abc
 *   	at com.example.Main.load(Main.java:5)
 *   	... 1 more                                                                  <- logback: `... 1 common frames omitted`
 */

export const UNCAUGHT_PREFIX = 'Exception in thread "';

/** Lines a multi-line exception message may take before the first `at` frame (SQL errors print a few). */
const MAX_MESSAGE_LINES = 5;

function isJavaIdentifierPart(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code === 0x24
  );
}

/**
 * End of the fully qualified class name a throwable line starts with (`java.lang.X`, `com.example.Err$Inner`), or -1.
 * It needs at least one dot, and is followed by the end of the line or `: message`.
 */
export function javaThrowableNameEnd(line: string, start = 0): number {
  let i = start;
  let dots = 0;
  let segmentLength = 0;
  for (; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 0x2e) {
      if (segmentLength === 0) return -1;
      dots++;
      segmentLength = 0;
    } else if (isJavaIdentifierPart(code)) segmentLength++;
    else break;
  }
  if (dots === 0 || segmentLength === 0) return -1;
  if (i === line.length || line.startsWith(': ', i) || (i === line.length - 1 && line.charCodeAt(i) === 0x3a)) return i;
  return -1;
}

/** Frame lines (`\tat pkg.C.m(C.java:1)`, also space-indented) and the `... n more` / `common frames omitted` lines. */
export function isJavaFrameLine(line: string): boolean {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 0x09 || line.charCodeAt(i) === 0x20)) i++;
  if (i === 0) return false;
  return line.startsWith('at ', i) || line.startsWith('... ', i);
}

/** `Caused by: X: msg` at any depth, and `Suppressed: X: msg` (always indented). */
export function isJavaChainLine(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed.startsWith('Caused by: ') || trimmed.startsWith('Suppressed: ');
}

function isHeaderLike(line: string): boolean {
  return line.startsWith(UNCAUGHT_PREFIX) || isJavaChainLine(line) || javaThrowableNameEnd(line) !== -1;
}

export const javaDetector: TraceBlockDetector = {
  language: 'java',

  begins(line: string): boolean {
    const first = line.charCodeAt(0);
    if (first === 0x45 /* E */ && line.startsWith(UNCAUGHT_PREFIX)) return true;
    // Package names start in lower case by convention; a throwable line then needs a dotted name and `: ` or the end.
    if (first < 0x61 || first > 0x7a) return false;
    return javaThrowableNameEnd(line) !== -1;
  },

  continues(line: string, block: readonly string[]): boolean {
    if (isJavaFrameLine(line) || isJavaChainLine(line)) return true;
    // A new throwable line starts a new block rather than extending this one's message.
    if (line.length === 0 || isHeaderLike(line) || line.startsWith('{"')) return false;
    // A multi-line message: a few lines after a header, before that header's first frame.
    for (let i = block.length - 1; i >= 0 && block.length - 1 - i < MAX_MESSAGE_LINES; i--) {
      const previous = block[i] ?? '';
      if (isJavaFrameLine(previous)) return false;
      if (isHeaderLike(previous)) return true;
    }
    return false;
  },

  accepts(block: readonly string[]): boolean {
    return block.some(isJavaFrameLine);
  },

  printedByRuntime(block: readonly string[]): boolean {
    return block[0]?.startsWith(UNCAUGHT_PREFIX) ?? false;
  },
};
