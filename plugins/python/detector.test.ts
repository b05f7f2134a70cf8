import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractErrorsFromString } from '../../core/extract/logExtractor.ts';
import { pythonDetector } from './detector.ts';

const output = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/runtime/output/python/${name}.txt`, import.meta.url), 'utf8');

const extract = (text: string) => extractErrorsFromString(text, { detectors: [pythonDetector] });

describe('pythonDetector', () => {
  it.each(['index_error', 'attribute_none', 'no_message', 'syntax_error', 'exception_group', 'dependency_frame'])(
    'takes all of %s as one block',
    (name) => {
      const text = output(name).trimEnd();
      expect(extract(text)).toEqual([
        expect.objectContaining({ language: 'python', startLine: 1, endLine: text.split('\n').length, excerpt: text }),
      ]);
    },
  );

  it('keeps a chain of tracebacks together, separators and blank lines included', () => {
    const text = output('chained').trimEnd();
    const found = extract(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.endLine).toBe(34);
  });

  it('ends a block at the exception line, so the next log line is not part of it', () => {
    const found = extract(output('logging_default'));
    expect(found.map((e) => [e.startLine, e.endLine])).toEqual([[3, 9]]);
    expect(found[0]?.excerpt.endsWith('ZeroDivisionError: division by zero')).toBe(true);
  });

  it('does not take a blank line then an unrelated traceback as a chain', () => {
    const one = output('index_error').trimEnd();
    const two = output('no_message').trimEnd();
    expect(extract(`${one}\n\n${two}`)).toHaveLength(2);
  });

  it('does not begin on ordinary lines', () => {
    for (const line of ['ERROR:root:failed', '  File not found', 'Traceback is a word', 'INFO: 0 errors']) {
      expect(pythonDetector.begins(line, null)).toBe(false);
    }
  });
});
