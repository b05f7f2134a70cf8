import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goDetector } from '../../plugins/go/detector.ts';
import { javaDetector } from '../../plugins/java/detector.ts';
import { javascriptDetector } from '../../plugins/javascript/detector.ts';
import { pythonDetector } from '../../plugins/python/detector.ts';
import { InvalidExtractOptionsError } from './extractionError.ts';
import { createExtractionStats } from './extractOptions.ts';
import { extractErrorsFromString } from './logExtractor.ts';

const detectors = [javascriptDetector, pythonDetector, javaDetector, goDetector];
const output = (path: string): string =>
  readFileSync(new URL(`../../test/fixtures/runtime/output/${path}.txt`, import.meta.url), 'utf8').trimEnd();

/** Lines the brief names as NOT error events, and a few more of the same kind. */
const NOT_ERRORS = [
  '{"level":30,"time":1795514400000,"msg":"retrying after error"}',
  'WARN cache miss, error budget at 3%',
  'INFO: 0 errors',
  '2026-11-24T10:00:00.000Z INFO [http] GET /orders 200 12ms',
  'Error: connection refused, retrying',
];

describe('extractErrorsFromString on a log mixing the four languages and three JSON loggers', () => {
  const parts = [
    output('javascript/json-loggers'),
    ...NOT_ERRORS,
    output('python/logging_default'),
    output('java/logback-style'),
    output('go/logpanic'),
    output('javascript/custom-error'),
    output('python/chained'),
  ];
  const log = parts.join('\n');
  const lines = log.split('\n');
  const stats = createExtractionStats();
  const found = extractErrorsFromString(log, { detectors, stats });

  it('finds every error, in log order, each with its language', () => {
    expect(found.map((e) => e.language)).toEqual([
      'javascript',
      'javascript',
      'javascript',
      'javascript',
      'python',
      'java',
      'java',
      'go',
      'javascript',
      'python',
    ]);
    for (let i = 1; i < found.length; i++) {
      expect(found[i]?.startLine).toBeGreaterThan(found[i - 1]?.endLine ?? 0);
    }
  });

  it('points startLine/endLine at the lines of each block', () => {
    for (const error of found.filter((e) => e.startLine !== e.endLine)) {
      expect(lines.slice(error.startLine - 1, error.endLine).join('\n')).toBe(error.excerpt);
    }
    const node = found[8];
    expect(lines[(node?.startLine ?? 0) - 1]).toMatch(/custom-error\.cjs:11$/);
    expect(lines[(node?.endLine ?? 0) - 1]).toBe('Node.js v20.20.2');
  });

  it('decodes the stack of a JSON record and fills its metadata (pino, bunyan, winston)', () => {
    const [pino, pinoReq, bunyan, winston] = found;
    expect(pino).toMatchObject({
      startLine: 3,
      endLine: 3,
      timestamp: '2026-11-24T10:00:00.411Z',
      level: 'error',
      requestId: 'req-2',
      logMessage: 'pricing failed',
      structured: { errorType: 'TypeError', message: "Cannot read properties of undefined (reading 'map')" },
    });
    expect(pino?.excerpt.split('\n')[1]).toMatch(/^ {4}at priceOrder \(file:\/\/\/.*json-loggers\.mjs:29:22\)$/);
    expect(pinoReq).toMatchObject({ requestId: 'req-6', structured: { errorType: 'SyntaxError' } });
    expect(bunyan).toMatchObject({
      service: 'billing',
      requestId: 'req-7',
      timestamp: '2026-11-24T10:00:01.096Z',
      structured: { errorType: 'TypeError', message: "Cannot read properties of null (reading 'lines')" },
    });
    expect(winston).toMatchObject({ service: 'shipping', requestId: 'req-8', structured: null, level: 'error' });
    expect(winston?.excerpt.startsWith('SyntaxError: Unexpected end of JSON input\n    at JSON.parse')).toBe(true);
  });

  it('reads the time, level and message of the log line before a trace', () => {
    expect(found[4]).toMatchObject({ level: 'error', logMessage: 'nightly report failed', timestamp: null });
    expect(found[6]).toMatchObject({
      level: 'error',
      logMessage: 'catalog load failed',
      timestamp: '2026-11-24T10:00:01.623Z',
    });
    expect(found[9]).toMatchObject({ level: null, logMessage: null, timestamp: null });
  });

  it('skips the non-errors and counts why', () => {
    expect(stats).toMatchObject({
      lines: lines.length,
      events: 10,
      // pino `payment declined by provider` at level 50 with no err.
      errorRecordsWithoutTrace: 1,
      // The logback WARN line with a trace. (JSON records below error level are skipped unparsed, uncounted.)
      belowErrorLevel: 1,
      truncatedBlocks: 0,
      malformedJsonRecords: 0,
    });
    expect(stats.rejectedBlocks).toBeGreaterThan(0);
  });
});

describe('extractErrorsFromString on single records and lines', () => {
  it('finds no error in lines that only mention one', () => {
    expect(extractErrorsFromString(NOT_ERRORS.join('\n'), { detectors })).toEqual([]);
  });

  it('emits an error-level record with an err object but no stack as `type: message`', () => {
    const record = JSON.stringify({ level: 50, time: 0, err: { type: 'PaymentError', message: 'card declined' } });
    expect(extractErrorsFromString(record, { detectors })).toEqual([
      expect.objectContaining({
        language: 'javascript',
        excerpt: 'PaymentError: card declined',
        structured: { errorType: 'PaymentError', message: 'card declined' },
      }),
    ]);
    expect(extractErrorsFromString(record, { detectors, structuredLanguage: 'unknown' })[0]?.language).toBe('unknown');
  });

  it('reads python-json-logger records (`levelname`, `asctime`, `exc_info`, `request_id`)', () => {
    const found = extractErrorsFromString(output('python/logging_json'), { detectors });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      language: 'python',
      level: 'error',
      requestId: 'r-42',
      logMessage: 'charge failed',
    });
    expect(found[0]?.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(found[0]?.excerpt.endsWith('ZeroDivisionError: division by zero')).toBe(true);
  });

  it('keeps handled errors when asked to (includeBelowErrorLevel)', () => {
    const found = extractErrorsFromString(output('java/logback-style'), { detectors, includeBelowErrorLevel: true });
    expect(found.map((e) => e.logMessage)).toEqual([
      'failed to price order 42',
      'catalog refresh failed, keeping the old one',
      'catalog load failed',
    ]);
    expect(found[1]?.level).toBe('warn');
  });

  it('caps a long block, keeping its first lines and its last one, and marks it truncated', () => {
    const text = output('java/crash-overflow');
    const stats = createExtractionStats();
    const [error, ...rest] = extractErrorsFromString(text, { detectors, stats, maxBlockLines: 50 });
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ startLine: 1, endLine: 1025, truncated: true });
    const excerpt = error?.excerpt.split('\n') ?? [];
    expect(excerpt).toHaveLength(50);
    expect(excerpt[0]).toBe('Exception in thread "main" java.lang.StackOverflowError');
    expect(excerpt[49]).toBe(text.split('\n').at(-1));
    expect(stats.truncatedBlocks).toBe(1);
    const bytes = extractErrorsFromString(text, { detectors, maxBlockBytes: 4096 })[0];
    expect(bytes?.excerpt.length).toBeLessThanOrEqual(4096 + 1024);
    expect(bytes?.truncated).toBe(true);
  });

  it('accepts CRLF line ends and numbers lines from firstLineNumber', () => {
    const text = output('python/index_error');
    const crlf = extractErrorsFromString(text.replaceAll('\n', '\r\n'), { detectors, firstLineNumber: 101 });
    expect(crlf).toEqual([
      expect.objectContaining({ excerpt: text, startLine: 101, endLine: 100 + text.split('\n').length }),
    ]);
  });

  it('rejects options that cannot work', () => {
    expect(() => extractErrorsFromString('', { detectors, maxBlockLines: 0 })).toThrow(InvalidExtractOptionsError);
    expect(() => extractErrorsFromString('', { detectors, firstLineNumber: -1 })).toThrow(/firstLineNumber/);
  });
});
