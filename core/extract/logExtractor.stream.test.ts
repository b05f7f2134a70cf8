import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { goDetector } from '../../plugins/go/detector.ts';
import { javaDetector } from '../../plugins/java/detector.ts';
import { javascriptDetector } from '../../plugins/javascript/detector.ts';
import { pythonDetector } from '../../plugins/python/detector.ts';
import type { ExtractedError } from './extractedError.ts';
import { readLines } from './lineReader.ts';
import { extractErrors, extractErrorsFromString } from './logExtractor.ts';

const detectors = [javascriptDetector, pythonDetector, javaDetector, goDetector];
const output = (path: string): string =>
  readFileSync(new URL(`../../test/fixtures/runtime/output/${path}.txt`, import.meta.url), 'utf8');

const log = [
  output('javascript/json-loggers'),
  output('python/logging_formatted'),
  output('java/crash-chain'),
  output('go/recovered'),
  output('javascript/console-error'),
].join('');

const dir = mkdtempSync(join(tmpdir(), 'homeostasis-extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(events: AsyncIterable<ExtractedError>): Promise<ExtractedError[]> {
  const found: ExtractedError[] = [];
  for await (const event of events) found.push(event);
  return found;
}

describe('extractErrors', () => {
  const reference = extractErrorsFromString(log, { detectors });

  it('finds the errors the string version finds', () => {
    expect(reference.map((e) => e.language)).toEqual([
      'javascript',
      'javascript',
      'javascript',
      'javascript',
      // Four tracebacks: Python's WARNING line does not prove the one after it was handled (see pythonDetector).
      'python',
      'python',
      'python',
      'python',
      'java',
      'go',
      'javascript',
      'javascript',
    ]);
  });

  it('gives the same errors from a file, a stream, an array and an async generator', async () => {
    const path = join(dir, 'mixed.log');
    writeFileSync(path, log);
    const lines = log.split('\n');
    if (lines.at(-1) === '') lines.pop();
    async function* generated(): AsyncGenerator<string> {
      for (const line of lines) yield line;
    }
    expect(await collect(extractErrors(readLines(path, { chunkSize: 97 }), { detectors }))).toEqual(reference);
    expect(await collect(extractErrors(readLines(Readable.from([log])), { detectors }))).toEqual(reference);
    expect(await collect(extractErrors(lines, { detectors }))).toEqual(reference);
    expect(await collect(extractErrors(generated(), { detectors }))).toEqual(reference);
  });

  it('refuses a string, which would iterate as one-character lines', async () => {
    await expect(collect(extractErrors(log as unknown as string[], { detectors }))).rejects.toThrow(
      /extractErrorsFromString/,
    );
  });

  it('yields an error as soon as its block ends, before the rest of the input is read', async () => {
    let read = 0;
    async function* slow(): AsyncGenerator<string> {
      for (const line of output('go/index').split('\n')) {
        read++;
        yield line;
      }
      for (let i = 0; i < 1000; i++) {
        read++;
        yield `INFO still running ${i}`;
      }
    }
    for await (const event of extractErrors(slow(), { detectors })) {
      expect(event.language).toBe('go');
      expect(read).toBeLessThan(20);
      break;
    }
  });
});
