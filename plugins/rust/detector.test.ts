import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractErrorsFromString } from '../../core/extract/logExtractor.ts';
import { rustDetector } from './detector.ts';

const captured = (name: string): string =>
  readFileSync(new URL(`./rules/captured/${name}.txt`, import.meta.url), 'utf8');

const extract = (text: string) => extractErrorsFromString(text, { detectors: [rustDetector] });

describe('rustDetector', () => {
  it.each(['indexVec', 'assertEqFailed', 'charBoundary', 'stackOverflow', 'capacityOverflow'])(
    'takes all of %s (RUST_BACKTRACE=1) as one block',
    (name) => {
      // The runtime starts its report with an empty line; the block is everything after it.
      const text = captured(name).trim();
      expect(extract(text)).toEqual([
        expect.objectContaining({ language: 'rust', startLine: 1, endLine: text.split('\n').length, excerpt: text }),
      ]);
    },
  );

  it('splits a worker panic and the poisoned-lock panic it caused into two blocks', () => {
    const found = extract(captured('poisonedMutex'));
    expect(found.map((block) => block.excerpt.split('\n')[1])).toEqual([
      'worker failed while holding the lock',
      'called `Result::unwrap()` on an `Err` value: PoisonError { .. }',
    ]);
  });

  it('without a backtrace, stops at the next log line', () => {
    const panic = captured('divideByZero').trim().split('\n').slice(0, 2).join('\n');
    const text = `INFO starting\n${panic}\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace\nINFO restarted`;
    expect(extract(text)).toEqual([expect.objectContaining({ startLine: 2, endLine: 4 })]);
    const bare = `${panic}\nINFO restarted after the crash`;
    expect(extract(bare)).toEqual([expect.objectContaining({ startLine: 1, endLine: 2 })]);
  });

  it('does not begin on lines that only mention a thread', () => {
    expect(rustDetector.begins("thread 'main' started", null)).toBe(false);
    expect(rustDetector.begins("thread 'main' panicked at src/main.rs:5:13:", null)).toBe(true);
    expect(rustDetector.begins("thread 'main' (7) panicked at src/main.rs:5:13:", null)).toBe(true);
  });
});
