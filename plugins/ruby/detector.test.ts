import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractErrorsFromString } from '../../core/extract/logExtractor.ts';
import { rubyDetector } from './detector.ts';

const captured = (name: string): string =>
  readFileSync(new URL(`./rules/captured/${name}.txt`, import.meta.url), 'utf8');

const extract = (text: string) => extractErrorsFromString(text, { detectors: [rubyDetector] });

describe('rubyDetector', () => {
  it.each(['nilMethod', 'zeroDivision', 'jsonEmpty', 'stackTooDeep', 'wrappedError', 'loadError'])(
    'takes all of %s (Ruby 3.1) as one block',
    (name) => {
      const text = captured(name).trimEnd();
      expect(extract(text)).toEqual([
        expect.objectContaining({ language: 'ruby', startLine: 1, endLine: text.split('\n').length, excerpt: text }),
      ]);
    },
  );

  it('stops at the first line after the backtrace', () => {
    const text = `I, [2026-11-24T10:00:00] INFO -- : starting\n${captured('keyError').trimEnd()}\nI, [2026-11-24T10:00:01] INFO -- : restarted`;
    expect(extract(text)).toEqual([expect.objectContaining({ startLine: 2, endLine: 5 })]);
  });

  it('begins only on `file:line:in ...: message (Class)` lines', () => {
    expect(rubyDetector.begins("app.rb:3:in 'Order#total': divided by 0 (ZeroDivisionError)", null)).toBe(true);
    expect(rubyDetector.begins('app.rb:3: warning: assigned but unused variable - x', null)).toBe(false);
    expect(rubyDetector.begins('Completed 500 Internal Server Error in 5ms (ActiveRecord: 1.0ms)', null)).toBe(false);
  });
});
