import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractErrorsFromString } from '../../core/extract/logExtractor.ts';
import { goDetector } from './detector.ts';

const output = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/runtime/output/go/${name}.txt`, import.meta.url), 'utf8');

const extract = (text: string) => extractErrorsFromString(text, { detectors: [goDetector] });

describe('goDetector', () => {
  it.each([
    'index',
    'nilmap',
    'nilpointer',
    'error',
    'recovered',
    'goroutine',
    'concurrent',
    'concurrent-twice',
    'go-run-index',
  ])('takes all of %s as one block', (name) => {
    const text = output(name).trimEnd();
    expect(extract(text)).toEqual([
      expect.objectContaining({ language: 'go', startLine: 1, endLine: text.split('\n').length, excerpt: text }),
    ]);
  });

  it("keeps the time and message of Go's log line before a log.Panic", () => {
    const found = extract(output('logpanic'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ startLine: 2, logMessage: 'cannot reach payment provider: connection refused' });
    expect(found[0]?.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
  });

  it('stops at the first line that is not part of the dump', () => {
    const text = `${output('index').trimEnd()}\n2026/11/24 10:00:00 restarting orders (attempt 2)\nmain.go: ok`;
    expect(extract(text)[0]?.endLine).toBe(7);
  });

  it('rejects a `panic:` line with no goroutine dump', () => {
    expect(goDetector.begins('panic: something', null)).toBe(true);
    expect(extract('panic: something\nnot a trace')).toEqual([]);
  });
});
