import { createReadStream } from 'node:fs';
import { LineSourceError } from './extractionError.ts';

/**
 * A log's lines, read in large chunks and split on `\n` (a trailing `\r` dropped). Also iterable by batches: the
 * extractor takes whole batches, which saves one promise per line (about 0.3 µs, 15% of the time at 100 MiB/s).
 */
export interface LineSource extends AsyncIterable<string> {
  batches(): AsyncIterable<string[]>;
}

export interface ReadLinesOptions {
  /**
   * Bytes per read. Default 64 KiB: on the 200 MiB benchmark log it was as fast as 256 KiB and faster than 1 MiB
   * (about 190 against 95 MiB/s), with 40 to 100 MiB less peak RSS (short-lived strings stay in V8's young space).
   */
  chunkSize?: number;
  /** Characters kept of a longer line; the rest of it is skipped. Default 1 MiB, so one endless line cannot fill memory. */
  maxLineLength?: number;
}

const DEFAULT_CHUNK_SIZE = 64 * 1024;
const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

export function isLineSource(value: unknown): value is LineSource {
  return typeof value === 'object' && value !== null && typeof (value as Partial<LineSource>).batches === 'function';
}

async function* splitBatches(chunks: AsyncIterable<unknown>, maxLineLength: number): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  // Set once `carry` reached maxLineLength: the rest of that line is dropped until its newline.
  let overflow = false;
  const finishLine = (line: string): string => {
    const capped = line.length > maxLineLength ? line.slice(0, maxLineLength) : line;
    return capped.charCodeAt(capped.length - 1) === 0x0d ? capped.slice(0, -1) : capped;
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    const batch: string[] = [];
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      const piece = overflow ? '' : text.slice(start, newline);
      batch.push(finishLine(carry.length === 0 ? piece : carry + piece));
      carry = '';
      overflow = false;
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length && !overflow) {
      carry = carry.length === 0 ? text.slice(start) : carry + text.slice(start);
      if (carry.length >= maxLineLength) {
        carry = carry.slice(0, maxLineLength);
        overflow = true;
      }
    }
    if (batch.length > 0) yield batch;
  }
  const rest = overflow ? carry : carry + decoder.decode();
  if (rest.length > 0) yield [finishLine(rest)];
}

async function* openFile(path: string, chunkSize: number): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: chunkSize })) yield chunk as Buffer;
  } catch (error) {
    throw new LineSourceError(`cannot read log ${JSON.stringify(path)}: ${(error as Error).message}`, { cause: error });
  }
}

async function* wrapStream(stream: NodeJS.ReadableStream): AsyncGenerator<unknown> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (error) {
    throw new LineSourceError(`cannot read log stream: ${(error as Error).message}`, { cause: error });
  }
}

/** The lines of a file (by path) or of a readable stream. Memory: one chunk plus one line at most. */
export function readLines(source: string | NodeJS.ReadableStream, options: ReadLinesOptions = {}): LineSource {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const batches = (): AsyncIterable<string[]> =>
    splitBatches(typeof source === 'string' ? openFile(source, chunkSize) : wrapStream(source), maxLineLength);
  return {
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    },
  };
}
