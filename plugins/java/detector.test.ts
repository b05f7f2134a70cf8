import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractErrorsFromString } from '../../core/extract/logExtractor.ts';
import { javaDetector } from './detector.ts';

const output = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/runtime/output/java/${name}.txt`, import.meta.url), 'utf8');

const extract = (text: string) => extractErrorsFromString(text, { detectors: [javaDetector] });

describe('javaDetector', () => {
  it.each(['crash-npe', 'crash-chain', 'crash-suppressed', 'crash-thread'])('takes all of %s as one block', (name) => {
    const text = output(name).trimEnd();
    expect(extract(text)).toEqual([
      expect.objectContaining({ language: 'java', startLine: 1, endLine: text.split('\n').length, excerpt: text }),
    ]);
  });

  it('cuts logback traces out from between log lines, with the metadata of the line before', () => {
    const found = extract(output('logback-style'));
    expect(found.map((e) => [e.startLine, e.endLine])).toEqual([
      [4, 6],
      [19, 27],
    ]);
    expect(found[0]).toMatchObject({
      timestamp: '2026-11-24T10:00:00.873Z',
      level: 'error',
      logMessage: 'failed to price order 42',
    });
  });

  it('continues on the lines logback writes instead of `... n more`', () => {
    const block = ['java.lang.IllegalStateException: x', '\tat a.B.c(B.java:1) ~[orders.jar:1.0]'];
    expect(javaDetector.continues('\t... 12 common frames omitted', block)).toBe(true);
  });

  it('does not begin on ordinary lines, and rejects a dotted name without frames', () => {
    for (const line of ['c.e.OrderService - failed', 'Exception handling enabled', '\tat home', 'Java: 17']) {
      expect(javaDetector.begins(line, null)).toBe(false);
    }
    expect(extract('config.reload: done\nnext line\nanother')).toEqual([]);
  });
});
