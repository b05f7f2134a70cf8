import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goDetector } from '../../plugins/go/detector.ts';
import { javaDetector } from '../../plugins/java/detector.ts';
import { javascriptDetector } from '../../plugins/javascript/detector.ts';
import { pythonDetector } from '../../plugins/python/detector.ts';
import type { ExtractedError } from './extractedError.ts';
import { extractErrorsFromString } from './logExtractor.ts';

const detectors = [javascriptDetector, pythonDetector, javaDetector, goDetector];
const OUTPUT = new URL('../../test/fixtures/runtime/output/', import.meta.url);
const output = (path: string): string => readFileSync(new URL(`${path}.txt`, OUTPUT), 'utf8').trimEnd();
const allFixtureLines = readdirSync(OUTPUT).flatMap((lang) =>
  readdirSync(new URL(`${lang}/`, OUTPUT)).flatMap((name) =>
    output(`${lang}/${name.replace(/\.txt$/, '')}`).split('\n'),
  ),
);

const MAX_LINES = 200;
const MAX_BYTES = 64 * 1024;

/** What must hold for any input: ordered, non-overlapping, inside the input, within the caps. */
function checkInvariants(found: ExtractedError[], lineCount: number): void {
  let previousEnd = 0;
  for (const error of found) {
    expect(error.startLine).toBeGreaterThan(previousEnd);
    expect(error.endLine).toBeGreaterThanOrEqual(error.startLine);
    expect(error.endLine).toBeLessThanOrEqual(lineCount);
    expect(error.excerpt.split('\n').length).toBeLessThanOrEqual(MAX_LINES + 1);
    expect(error.excerpt.length).toBeLessThanOrEqual(MAX_BYTES + MAX_BYTES / 4 + MAX_LINES);
    previousEnd = error.endLine;
  }
}

const lineCount = (text: string): number => (text.length === 0 ? 0 : text.split('\n').length);

describe('extractErrorsFromString on arbitrary input', () => {
  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (text) => {
        checkInvariants(extractErrorsFromString(text, { detectors }), lineCount(text));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random mixes of real trace lines, JSON and noise', () => {
    const line = fc.oneof(
      fc.constantFrom(...allFixtureLines),
      fc.string({ maxLength: 80 }),
      fc.json().map((json) => json.replaceAll('\n', ' ')),
      fc.constantFrom('', '{', '{"level":50,"err":', '\tat ', '  File "', 'panic: ', 'goroutine 1 [running]:'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 300 }), (lines) => {
        const text = lines.join('\n');
        checkInvariants(extractErrorsFromString(text, { detectors }), lineCount(text));
      }),
      { numRuns: 300 },
    );
  });

  it('finds exactly the traces interleaved with ordinary log lines, in order', () => {
    // Traces that are one error each, and lines that are no error and do not continue any trace.
    const traces: [string, ExtractedError['language']][] = [
      [output('javascript/custom-error'), 'javascript'],
      [output('javascript/unhandled-rejection'), 'javascript'],
      [output('python/chained'), 'python'],
      [output('python/syntax_error'), 'python'],
      [output('java/crash-chain'), 'java'],
      [output('java/crash-suppressed'), 'java'],
      [output('go/recovered'), 'go'],
      [output('go/concurrent'), 'go'],
      [output('javascript/json-loggers').split('\n')[2] ?? '', 'javascript'],
    ];
    const noise = fc.constantFrom(
      '{"level":30,"time":1795514400000,"msg":"retrying after error"}',
      '{"level":40,"msg":"slow","err":{"type":"Error","message":"x","stack":"Error: x\\n    at f (/a.js:1:1)"}}',
      '2026-11-24T10:00:00.000Z INFO [http] GET /orders 200 12ms',
      'WARN cache miss, error budget at 3%',
      'INFO: 0 errors',
      'Error: connection refused, retrying',
      '',
    );
    const entry = fc.oneof(
      fc.integer({ min: 0, max: traces.length - 1 }).map((i) => ({ trace: i })),
      noise.map((text) => ({ text })),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        const text = entries.map((e) => ('trace' in e ? traces[e.trace]?.[0] : e.text)).join('\n');
        const expected = entries.flatMap((e) => ('trace' in e ? [traces[e.trace]?.[1]] : []));
        const found = extractErrorsFromString(text, { detectors });
        expect(found.map((e) => e.language)).toEqual(expected);
        checkInvariants(found, lineCount(text));
      }),
      { numRuns: 300 },
    );
  });

  it('finds no error in info and warn records whatever their text', () => {
    const record = fc.record({
      level: fc.constantFrom(10, 20, 30, 40, 'info', 'warn', 'debug'),
      msg: fc.string(),
      err: fc.option(fc.record({ type: fc.string(), message: fc.string(), stack: fc.string() }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const text = records.map((r) => JSON.stringify(r)).join('\n');
        expect(extractErrorsFromString(text, { detectors })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('stays fast on very long lines', () => {
    const megabyte = 1024 * 1024;
    const inputs = [
      'x'.repeat(8 * megabyte),
      `{"level":50,"err":{"stack":"${'Error: x\\n    at f (/a.js:1:1)\\n'.repeat(megabyte / 32)}"}}`,
      `TypeError: ${'('.repeat(megabyte)}\n    at ${'('.repeat(megabyte)})`,
      `Traceback (most recent call last):\n  File "${'"'.repeat(megabyte)}", line 1, in f\nE: ${'x'.repeat(megabyte)}`,
      `panic: x\n\ngoroutine 1 [running]:\n${'a('.repeat(megabyte)})\n\t/a.go:1`,
      `${'{"err'.repeat(megabyte / 4)}`,
      Array.from({ length: 20_000 }, () => '\tat a.B.c(B.java:1)').join('\n'),
      // Lines that each begin a block the detector then rejects: re-reading must not make them quadratic.
      ...['  File "a.py", line 1, in f', 'Traceback (most recent call last):', 'Error: x', 'panic: x', 'a.b: c'].map(
        (line) => Array.from({ length: 20_000 }, () => line).join('\n'),
      ),
    ];
    for (const text of inputs) {
      const started = performance.now();
      const found = extractErrorsFromString(text, { detectors });
      expect(performance.now() - started).toBeLessThan(2000);
      checkInvariants(found, lineCount(text));
    }
  });
});
