import { describe, expect, it } from 'vitest';
import { parseLogPrefix } from './logPrefix.ts';
import { normalizeTimestamp } from './timestamp.ts';

describe('parseLogPrefix', () => {
  it.each([
    [
      '2026-11-24 10:00:00.873 ERROR [main] c.e.o.OrderService - failed to price order 42',
      { timestamp: '2026-11-24T10:00:00.873Z', level: 'error', message: 'failed to price order 42' },
    ],
    [
      '2026-11-24 20:53:19,410 ERROR [orders] bad request body',
      { timestamp: '2026-11-24T20:53:19.410Z', level: 'error', message: 'bad request body' },
    ],
    ['error: checkout failed', { timestamp: null, level: 'error', message: 'checkout failed' }],
    ['[Warning] disk at 91%', { timestamp: null, level: 'warn', message: 'disk at 91%' }],
    ['ERROR:root:nightly report failed', { timestamp: null, level: 'error', message: 'nightly report failed' }],
    ['WARNING:orders.db:slow query: 2s', { timestamp: null, level: 'warn', message: 'slow query: 2s' }],
    [
      '2026/11/24 20:53:23 cannot reach payment provider: connection refused',
      {
        timestamp: '2026-11-24T20:53:23.000Z',
        level: null,
        message: 'cannot reach payment provider: connection refused',
      },
    ],
    [
      '[2026-11-24T10:00:00+01:00] CRITICAL: disk full',
      { timestamp: '2026-11-24T10:00:00.000+01:00', level: 'fatal', message: 'disk full' },
    ],
    [
      'time="2026-11-24T10:00:00Z" level=error msg="checkout failed"',
      { timestamp: '2026-11-24T10:00:00.000Z', level: 'error', message: 'checkout failed' },
    ],
  ])('%s', (line, expected) => {
    expect(parseLogPrefix(line)).toEqual(expected);
  });

  it('is null for lines with neither a time nor a level in front', () => {
    for (const line of ['90', 'continuing with the next order', 'Error: boom', 'E:\\logs', 'Info desk closed']) {
      expect(parseLogPrefix(line)).toBeNull();
    }
  });
});

describe('normalizeTimestamp', () => {
  it('reads epoch milliseconds and seconds, and ISO-like strings with or without a zone', () => {
    expect(normalizeTimestamp(1795514400137)).toBe('2026-11-24T10:00:00.137Z');
    expect(normalizeTimestamp(1795514400.5)).toBe('2026-11-24T10:00:00.500Z');
    expect(normalizeTimestamp('2026-11-24T10:00:01.096Z')).toBe('2026-11-24T10:00:01.096Z');
    expect(normalizeTimestamp('2026-11-24 10:00:01,5 +0530')).toBe('2026-11-24T10:00:01.500+05:30');
    expect(normalizeTimestamp('2026-11-24T10:00:01.123456789-08:00')).toBe('2026-11-24T10:00:01.123-08:00');
  });

  it('is null for what is not a date-time', () => {
    for (const value of ['2026-13-40 99:00:00', 'Nov 24 10:00:00', '', 'yesterday', -1, Number.NaN, null, {}]) {
      expect(normalizeTimestamp(value)).toBeNull();
    }
  });
});
