import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LineSourceError } from './extractionError.ts';
import { type ReadLinesOptions, readLines } from './lineReader.ts';

const dir = mkdtempSync(join(tmpdir(), 'homeostasis-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `log-${files++}.txt`);
  writeFileSync(path, content);
  return path;
}

async function collect(source: AsyncIterable<string>): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of source) lines.push(line);
  return lines;
}

/** What the lines of `text` are: split on `\n`, `\r` dropped at the end, no line after a final `\n`. */
function expected(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

describe('readLines', () => {
  it('splits a file on \\n across chunk boundaries, inside lines and inside multi-byte characters', async () => {
    const text = 'première ligne\r\n日本語のログ 🚀\n\nlast line without newline';
    for (const chunkSize of [1, 2, 3, 5, 7, 64]) {
      const lines = await collect(readLines(file(text), { chunkSize }));
      expect(lines).toEqual(['première ligne', '日本語のログ 🚀', '', 'last line without newline']);
    }
  });

  it('gives the same lines by batches', async () => {
    const text = 'a\nb\nc\n';
    const batches: string[][] = [];
    for await (const batch of readLines(file(text), { chunkSize: 2 }).batches()) batches.push(batch);
    expect(batches.flat()).toEqual(['a', 'b', 'c']);
  });

  it('reads streams of strings and of bytes', async () => {
    const fromStrings = Readable.from(['x\ny', 'z\n', 'w']);
    expect(await collect(readLines(fromStrings))).toEqual(['x', 'yz', 'w']);
    const bytes = Buffer.from('é\n€', 'utf8');
    const fromBytes = Readable.from([bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)]);
    expect(await collect(readLines(fromBytes))).toEqual(['é', '€']);
  });

  it('keeps the first maxLineLength characters of a longer line and skips the rest of it', async () => {
    const long = 'x'.repeat(100);
    const options: ReadLinesOptions = { chunkSize: 16, maxLineLength: 10 };
    expect(await collect(readLines(file(`${long}\nshort\n${long}`), options))).toEqual([
      'x'.repeat(10),
      'short',
      'x'.repeat(10),
    ]);
  });

  it('reads an empty file as no lines', async () => {
    expect(await collect(readLines(file('')))).toEqual([]);
  });

  it('fails with LineSourceError for a file it cannot read', async () => {
    await expect(collect(readLines(join(dir, 'missing.log')))).rejects.toBeInstanceOf(LineSourceError);
  });

  it('agrees with String.split on arbitrary text and chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', 'é', '🚀', '\n', '\r', ' ', '語'), maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        async (text, chunkSize) => {
          expect(await collect(readLines(file(text), { chunkSize }))).toEqual(expected(text));
        },
      ),
      { numRuns: 150 },
    );
  });
});
