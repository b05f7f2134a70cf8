import type { ExtractedError } from './extractedError.ts';
import { InvalidExtractOptionsError } from './extractionError.ts';
import { type ExtractOptions, resolveExtractOptions } from './extractOptions.ts';
import { isLineSource } from './lineReader.ts';
import { TraceScanner } from './traceScanner.ts';

/**
 * The errors in a log, in log order, as they are found: one ExtractedError per trace block (plain-text traces of
 * the detectors' languages) and per JSON error record (pino, bunyan, winston, logstash). Memory stays flat in the
 * size of the log: one open block (capped by `maxBlockLines`/`maxBlockBytes`) and the current batch of lines.
 * Throws InvalidExtractOptionsError for bad options, and passes on the line source's errors (LineSourceError).
 */
export async function* extractErrors(
  lines: AsyncIterable<string> | Iterable<string>,
  options: ExtractOptions,
): AsyncGenerator<ExtractedError> {
  // A string is an Iterable<string> of characters: it would be read as one-character lines.
  if (typeof lines === 'string')
    throw new InvalidExtractOptionsError('extractErrors takes lines; use extractErrorsFromString');
  const scanner = new TraceScanner(resolveExtractOptions(options));
  if (isLineSource(lines)) {
    for await (const batch of lines.batches()) {
      for (const line of batch) scanner.push(line);
      if (scanner.hasFound) yield* scanner.drain();
    }
  } else {
    for await (const line of lines) {
      scanner.push(line);
      if (scanner.hasFound) yield* scanner.drain();
    }
  }
  scanner.finish();
  yield* scanner.drain();
}

/** The same, for a log already in memory (a test, a log sent in a request). `\r\n` line ends are accepted. */
export function extractErrorsFromString(text: string, options: ExtractOptions): ExtractedError[] {
  const scanner = new TraceScanner(resolveExtractOptions(options));
  const found: ExtractedError[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.charCodeAt(end - 1) === 0x0d && end > start ? text.slice(start, end - 1) : text.slice(start, end);
    scanner.push(line);
    if (scanner.hasFound) found.push(...scanner.drain());
    start = end + 1;
  }
  scanner.finish();
  found.push(...scanner.drain());
  return found;
}
