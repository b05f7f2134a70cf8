import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractErrorsFromString } from '../../core/extract/logExtractor.ts';
import { javaDetector } from '../java/detector.ts';
import { csharpDetector } from './detector.ts';

const captured = (name: string): string =>
  readFileSync(new URL(`./rules/captured/${name}.txt`, import.meta.url), 'utf8');

const extract = (text: string) => extractErrorsFromString(text, { detectors: [csharpDetector] });

describe('csharpDetector', () => {
  it.each(['nullField', 'argumentNullLinq', 'fileNotFound', 'innerException', 'stackOverflow', 'loggedException'])(
    'takes all of %s (Mono 6.8) as one block',
    (name) => {
      const text = captured(name).trim();
      const lines = text.split('\n').length;
      const blocks = extract(text);
      expect(blocks).toHaveLength(1);
      // The extractor caps very long blocks (the stack overflow prints 1000 frames): it keeps the start and the end.
      expect(blocks[0]).toMatchObject({ language: 'csharp', startLine: 1, endLine: lines });
    },
  );

  it('says which blocks the runtime printed and which an application logged', () => {
    expect(csharpDetector.printedByRuntime?.(captured('nullField').trim().split('\n'))).toBe(true);
    expect(csharpDetector.printedByRuntime?.(captured('loggedException').trim().split('\n'))).toBe(false);
  });

  it('stops at the first line after the trace', () => {
    const text = `info: starting\n${captured('loggedException').trimEnd()}\ninfo: restarted`;
    expect(extract(text)).toEqual([expect.objectContaining({ startLine: 2, endLine: 4 })]);
  });

  it('reads the documented .NET Core shape (sample, .NET is not installable here)', () => {
    // Documented format of .NET 6+ for an unhandled exception with an inner exception; not a capture.
    const sample = [
      'Unhandled exception. System.InvalidOperationException: config is invalid',
      " ---> System.FormatException: The input string 'eighty' was not in a correct format.",
      '   at System.Number.ThrowFormatException(ReadOnlySpan`1 value)',
      '   at Shop.Config.ReadPort(String text) in /app/Config.cs:line 12',
      '   --- End of inner exception stack trace ---',
      '   at Shop.Config.Load() in /app/Config.cs:line 20',
      '   at Shop.Program.Main(String[] args) in /app/Program.cs:line 5',
    ].join('\n');
    expect(extract(`${sample}\nnext line`)).toEqual([expect.objectContaining({ startLine: 1, endLine: 7 })]);
  });

  it('leaves Java traces and ordinary lines alone', () => {
    expect(csharpDetector.begins('java.lang.IllegalStateException: boom', null)).toBe(false);
    expect(csharpDetector.begins('warn: Microsoft.Hosting.Lifetime[0] Application is shutting down', null)).toBe(false);
    const java = 'java.lang.IllegalStateException: boom\n\tat com.shop.Order.total(Order.java:12)';
    expect(extract(java)).toEqual([]);
    expect(extractErrorsFromString(java, { detectors: [javaDetector, csharpDetector] })[0]?.language).toBe('java');
    const node =
      'ValidationException: bad order\n    at validate (/app/src/order.js:3:9)\n    at main (/app/src/index.js:8:1)';
    expect(extract(node)).toEqual([]);
  });
});
