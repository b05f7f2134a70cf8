import { describe, expect, it } from 'vitest';
import type { Frame } from '../schema/errorEvent.ts';
import { computeFingerprint, fileStem } from './fingerprint.ts';
import { normalizeMessage } from './normalizeMessage.ts';

const frame = (file: string, fn: string | null, line: number, inApp = true): Frame => ({
  file,
  line,
  column: 10,
  function: fn,
  module: null,
  inApp,
});

const discountFrames = (root: string, shift = 0) => [
  frame(`${root}/dist/src/discounts.js`, 'applyDiscount', 12 + shift),
  frame(`${root}/dist/src/pricing.js`, 'priceOrder', 40 + shift),
  frame('node:internal/process/task_queues', 'process.processTicksAndRejections', 95, false),
];

describe('normalizeMessage', () => {
  it('masks numbers, uuids, hex addresses, quoted values and timestamps', () => {
    expect(
      normalizeMessage(
        "order 8f2c1e9a-1b2c-4d5e-8f90-123456789abc at 2026-11-24T10:00:00.123Z failed: key 'SUMMER25' at 0x7ffd1234 after 3 tries",
      ),
    ).toBe('order <uuid> at <ts> failed: key <q> at <hex> after <n> tries');
  });
});

describe('computeFingerprint', () => {
  const base = computeFingerprint({
    errorType: 'TypeError',
    message: "Cannot read properties of undefined (reading 'percent')",
    frames: discountFrames('/srv/orders'),
  });

  it('is stable across data, deploy roots and a few lines moved by an unrelated edit', () => {
    const other = computeFingerprint({
      errorType: 'TypeError',
      message: "Cannot read properties of undefined (reading 'percent')",
      frames: discountFrames('/var/task', 7),
    });
    expect(other.value).toBe(base.value);
  });

  it('is the same whether the trace shows the whole caller chain or starts at the handler (Python logging)', () => {
    const uncaught = computeFingerprint({
      errorType: 'KeyError',
      message: "'SKU-9'",
      frames: [
        frame('/app/inventory/stock.py', 'reserve', 19),
        frame('/app/inventory/orders.py', 'place', 40),
        frame('/app/main.py', '<module>', 3),
      ],
    });
    const logged = computeFingerprint({
      errorType: 'KeyError',
      message: "'SKU-1'",
      frames: [frame('/app/inventory/stock.py', 'reserve', 19), frame('/app/inventory/orders.py', 'place', 40)],
    });
    expect(logged.value).toBe(uncaught.value);
  });

  it('differs for the same error type raised elsewhere', () => {
    const elsewhere = computeFingerprint({
      errorType: 'TypeError',
      message: "Cannot read properties of undefined (reading 'tier')",
      frames: [
        frame('/srv/orders/dist/src/customers.js', 'customerDiscount', 20),
        ...discountFrames('/srv/orders').slice(1),
      ],
    });
    expect(elsewhere.value).not.toBe(base.value);
  });

  it('explains its parts: type, in-app file:function without lines, normalized message', () => {
    expect(base.parts.errorType).toBe('TypeError');
    expect(base.parts.frames).toEqual(['src/discounts:applyDiscount']);
    expect(base.parts.callers).toEqual(['src/pricing:priceOrder']);
    expect(base.parts.normalizedMessage).toBe('Cannot read properties of undefined (reading <q>)');
    expect(base.parts.framesFallback).toBe(false);
    expect(base.parts.messageUsed).toBe(false);
  });

  it('groups messages that quote different data at the same place (V8 JSON errors)', () => {
    const frames = [frame('/srv/orders/dist/src/orders.js', 'parseOrderRequest', 28)];
    const a = computeFingerprint({
      errorType: 'SyntaxError',
      message: `Unexpected token 'o', "not json" is not valid JSON`,
      frames,
    });
    const b = computeFingerprint({
      errorType: 'SyntaxError',
      message: `Expected ',' or ']' after array element in JSON at position 64`,
      frames,
    });
    expect(a.value).toBe(b.value);
  });

  it('uses the message when no frame locates the error', () => {
    const a = computeFingerprint({ errorType: 'Error', message: 'connect ECONNREFUSED 10.0.0.1:5432', frames: [] });
    const b = computeFingerprint({ errorType: 'Error', message: 'connect ECONNREFUSED 10.0.0.7:5432', frames: [] });
    const c = computeFingerprint({ errorType: 'Error', message: 'getaddrinfo ENOTFOUND db', frames: [] });
    expect(a.parts.messageUsed).toBe(true);
    expect(a.value).toBe(b.value);
    expect(a.value).not.toBe(c.value);
  });

  it('falls back to the top frames when none is in-app', () => {
    const fp = computeFingerprint({ errorType: 'Error', message: 'x', frames: [frame('node:fs', 'open', 1, false)] });
    expect(fp.parts.framesFallback).toBe(true);
  });
});

describe('fileStem', () => {
  it('maps compiled and source files to the same stem', () => {
    expect(fileStem('/tmp/x/srv/orders/dist/src/pricing.js')).toBe('src/pricing');
    expect(fileStem('src/pricing.ts')).toBe('src/pricing');
    expect(fileStem('file:///app/src/pricing.mjs')).toBe('src/pricing');
  });
});
