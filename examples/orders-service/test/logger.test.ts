import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import { createLogger, serializeError } from '../src/logger.js';
import { MemorySink } from './logSink.js';

describe('logger', () => {
  it('writes one pino-format JSON line per call, bindings included', () => {
    const sink = new MemorySink();
    const before = Date.now();
    createLogger(sink, { name: 'orders-service' }).child({ reqId: 'r-1' }).warn('slow', { latencyMs: 420 });
    assert.equal(sink.lines.length, 1);
    assert.ok(sink.lines[0]?.endsWith('}\n'));
    const [record] = sink.records();
    assert.deepEqual(Object.keys(record ?? {}), [
      'level',
      'time',
      'pid',
      'hostname',
      'name',
      'reqId',
      'latencyMs',
      'msg',
    ]);
    assert.equal(record?.level, 40);
    assert.equal(record?.pid, process.pid);
    assert.equal(record?.hostname, hostname());
    assert.ok(typeof record?.time === 'number' && record.time >= before);
  });

  it('logs errors at level 50 with the real type, message and stack', () => {
    const sink = new MemorySink();
    const err = new RangeError('quantity out of range');
    createLogger(sink).error('request errored', err, { status: 500 });
    const [record] = sink.records();
    assert.equal(record?.level, 50);
    assert.deepEqual(record?.err, { type: 'RangeError', message: 'quantity out of range', stack: err.stack });
    assert.match(String(err.stack), /^RangeError: quantity out of range\n\s+at /);
  });

  it('serializes thrown non-errors without a stack', () => {
    assert.deepEqual(serializeError('boom'), { type: 'string', message: 'boom', stack: undefined });
  });
});
