import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../src/logger.js';
import { httpGateway, PaymentError, PaymentProviderUnavailableError } from '../src/payments.js';
import { MemorySink } from './logSink.js';

/** A real provider stand-in on loopback; each test queues how its next calls are answered. */
type Answer = { status: number; delayMs?: number };

describe('httpGateway', () => {
  const answers: Answer[] = [];
  let calls = 0;
  let server: Server;
  let baseUrl: string;

  before(async () => {
    server = createServer((req, res) => {
      calls += 1;
      const answer = answers.shift() ?? { status: 200 };
      req.resume();
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `auth_${calls}` }));
      }, answer.delayMs ?? 0);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  // A generous slowness threshold by default: on a loaded machine a loopback call can take longer than 50 ms,
  // which is not what these tests are about. The slowness test sets its own.
  const options = { slowAfterMs: 5_000, dailyErrorBudget: 50, retryDelayMs: 1 };

  it('returns the authorization id', async () => {
    const sink = new MemorySink();
    const id = await httpGateway(baseUrl, options).authorize(1000, 'ord_1', createLogger(sink));
    assert.match(id, /^auth_\d+$/);
    assert.equal(sink.lines.length, 0);
  });

  it('warns with the share of the error budget spent when the provider is slow', async () => {
    answers.push({ status: 200, delayMs: 120 });
    const sink = new MemorySink();
    await httpGateway(baseUrl, { ...options, slowAfterMs: 50 }).authorize(1000, 'ord_2', createLogger(sink));
    const [record] = sink.records();
    assert.equal(record?.level, 40);
    assert.equal(record?.msg, 'payment provider slow, error budget 2% used');
    assert.ok(Number(record?.latencyMs) >= 100);
  });

  it('retries once after a transient error', async () => {
    answers.push({ status: 503 });
    const sink = new MemorySink();
    const callsBefore = calls;
    await httpGateway(baseUrl, options).authorize(1000, 'ord_3', createLogger(sink));
    assert.equal(calls - callsBefore, 2);
    assert.deepEqual(
      sink.records().map((r) => [r.level, r.msg, r.status]),
      [[40, 'retrying after transient error', 503]],
    );
  });

  it('gives up after the retry fails too', async () => {
    answers.push({ status: 502 }, { status: 503 });
    const gateway = httpGateway(baseUrl, options);
    await assert.rejects(
      gateway.authorize(1000, 'ord_4', createLogger(new MemorySink())),
      PaymentProviderUnavailableError,
    );
  });

  it('does not retry a decline', async () => {
    answers.push({ status: 402 });
    const callsBefore = calls;
    const gateway = httpGateway(baseUrl, options);
    await assert.rejects(gateway.authorize(1000, 'ord_5', createLogger(new MemorySink())), PaymentError);
    assert.equal(calls - callsBefore, 1);
  });
});
