import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractErrorsFromString } from '../../core/extract/logExtractor.ts';
import { javascriptDetector } from './detector.ts';

const output = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/runtime/output/javascript/${name}.txt`, import.meta.url), 'utf8');

const extract = (text: string) => extractErrorsFromString(text, { detectors: [javascriptDetector] });

describe('javascriptDetector', () => {
  it.each([
    'null-property',
    'custom-error',
    'async-cause',
    'json-parse',
    'unhandled-rejection',
    'rejected-error',
    'throw-value',
    'fs-enoent',
    'module-not-found',
    'dependency-frame',
  ])('cuts the whole uncaught-exception report out of %s', (name) => {
    const lines = output(name).trimEnd().split('\n');
    const found = extract(lines.join('\n'));
    expect(found).toHaveLength(1);
    const last = lines.length;
    const first = lines.findIndex((line) => line.length > 0 && line !== '90') + 1;
    expect(found[0]).toMatchObject({ language: 'javascript', startLine: first, endLine: last });
    expect(found[0]?.excerpt.endsWith('Node.js v20.20.2')).toBe(true);
  });

  it('cuts printed stacks apart from the lines around them', () => {
    const found = extract(output('console-error'));
    expect(found.map((e) => [e.startLine, e.endLine])).toEqual([
      [1, 17],
      [19, 36],
    ]);
    expect(found[1]?.excerpt.startsWith('AggregateError: all items failed')).toBe(true);
  });

  it('does not begin on ordinary lines, and rejects an error line with no frames', () => {
    for (const line of ['WARN cache miss, error budget at 3%', 'GET /orders 200', '  indented', '{"level":50}']) {
      expect(javascriptDetector.begins(line, null)).toBe(false);
    }
    // `Name: text` may be a header: begins is generous and accepts decides once the frames (do not) follow.
    expect(javascriptDetector.begins('Error: connection refused', null)).toBe(true);
    expect(javascriptDetector.begins('INFO: 0 errors', null)).toBe(true);
    expect(extract('INFO: 0 errors\nError: connection refused\nretrying in 5s\n    at the latest\nconnected')).toEqual(
      [],
    );
  });

  it('does not take Go or Java lines for V8 headers', () => {
    for (const line of ['panic: runtime error: x', 'fatal error: concurrent map writes', 'java.lang.Error: x']) {
      expect(javascriptDetector.begins(line, null)).toBe(false);
    }
  });
});
