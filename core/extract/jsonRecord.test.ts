import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goDetector } from '../../plugins/go/detector.ts';
import { javaDetector } from '../../plugins/java/detector.ts';
import { javascriptDetector } from '../../plugins/javascript/detector.ts';
import { pythonDetector } from '../../plugins/python/detector.ts';
import { resolveExtractOptions } from './extractOptions.ts';
import { mentionsErrorField, quickJsonLevel, readJsonRecord, stackLanguage } from './jsonRecord.ts';

const detectors = [javascriptDetector, pythonDetector, javaDetector, goDetector];
const options = resolveExtractOptions({ detectors });
const output = (path: string): string =>
  readFileSync(new URL(`../../test/fixtures/runtime/output/${path}.txt`, import.meta.url), 'utf8').trimEnd();

describe('quickJsonLevel and mentionsErrorField', () => {
  it('read the level in place', () => {
    expect(quickJsonLevel('{"level":50,"msg":"x"}')).toBe('error');
    expect(quickJsonLevel('{"level": 60}')).toBe('error');
    expect(quickJsonLevel('{"level":"ERROR"}')).toBe('error');
    expect(quickJsonLevel('{"level":30,"msg":"retrying after error"}')).toBe('below');
    expect(quickJsonLevel('{"level":"warn"}')).toBe('below');
    expect(quickJsonLevel('{"severity":"ERROR"}')).toBe('unknown');
    expect(quickJsonLevel('{"level":"verbose-ish"}')).toBe('unknown');
    expect(quickJsonLevel('{"level":')).toBe('unknown');
  });

  it('see error fields by their key, not by the word in a message', () => {
    expect(mentionsErrorField('{"err":{}}')).toBe(true);
    expect(mentionsErrorField('{"stack_trace":"x"}')).toBe(true);
    expect(mentionsErrorField('{"exc_info":"x"}')).toBe(true);
    expect(mentionsErrorField('{"msg":"retrying after error"}')).toBe(false);
  });
});

describe('stackLanguage', () => {
  it('tells the four languages apart from their stacks', () => {
    expect(stackLanguage(output('python/chained').split('\n'), detectors)).toBe('python');
    expect(stackLanguage(output('java/crash-chain').split('\n'), detectors)).toBe('java');
    expect(stackLanguage(output('go/index').split('\n'), detectors)).toBe('go');
    expect(stackLanguage(output('javascript/custom-error').split('\n'), detectors)).toBe('javascript');
    expect(stackLanguage(['just text'], detectors)).toBeNull();
  });
});

describe('readJsonRecord', () => {
  it('reads a logstash-style Java record (`@timestamp`, `stack_trace`)', () => {
    const trace = output('java/logback-style').split('\n').slice(18, 27).join('\n');
    const line = JSON.stringify({
      '@timestamp': '2026-11-24T10:00:01.623Z',
      level: 'ERROR',
      message: 'catalog load failed',
      stack_trace: trace,
    });
    expect(readJsonRecord(line, 7, options)).toEqual({
      kind: 'event',
      error: expect.objectContaining({
        language: 'java',
        excerpt: trace,
        startLine: 7,
        timestamp: '2026-11-24T10:00:01.623Z',
      }),
    });
  });

  it('takes a record without a level as an error only when its stack is recognized', () => {
    const stack = output('go/index');
    expect(readJsonRecord(JSON.stringify({ stack }), 1, options)).toMatchObject({
      kind: 'event',
      error: { language: 'go' },
    });
    expect(readJsonRecord(JSON.stringify({ stack: 'a\nb' }), 1, options)).toEqual({
      kind: 'skipped',
      reason: 'not-an-error',
    });
  });

  it('reports malformed lines, levels below error and error records without a trace', () => {
    expect(readJsonRecord('{"level":50,"err":', 1, options)).toEqual({ kind: 'skipped', reason: 'malformed' });
    expect(readJsonRecord('{"level":40,"err":{"message":"x"}}', 1, options)).toEqual({
      kind: 'skipped',
      reason: 'below-error-level',
    });
    expect(readJsonRecord('{"level":50,"err":"boom"}', 1, options)).toEqual({ kind: 'skipped', reason: 'no-trace' });
    expect(readJsonRecord('[1,2]', 1, options)).toEqual({ kind: 'skipped', reason: 'not-an-error' });
  });

  it('drops fields of the wrong type instead of the record', () => {
    const line = JSON.stringify({
      level: 50,
      time: { nested: true },
      reqId: ['x'],
      err: { type: 7, message: 'card declined' },
    });
    expect(readJsonRecord(line, 1, options)).toMatchObject({
      kind: 'event',
      error: { excerpt: 'Error: card declined', timestamp: null, requestId: null, structured: { errorType: null } },
    });
  });
});
