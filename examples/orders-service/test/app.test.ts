import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { OrderStore } from '../src/orders.js';
import { sandboxGateway } from '../src/payments.js';
import { MemorySink } from './logSink.js';

describe('HTTP API', () => {
  const sink = new MemorySink();
  let server: Server;
  let baseUrl: string;

  before(async () => {
    server = createApp({ log: createLogger(sink), store: new OrderStore(), payments: sandboxGateway() });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const postOrder = (body: unknown, reqId?: string) =>
    fetch(`${baseUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(reqId ? { 'x-request-id': reqId } : {}) },
      body: JSON.stringify(body),
    });

  it('answers the health check', async () => {
    const response = await fetch(`${baseUrl}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('creates an order and serves it back', async () => {
    const created = await postOrder(
      { customerId: 'cus_1004', lines: [{ sku: 'BAG-220', quantity: 1 }], discountCode: 'SPRING15' },
      'req-test-1',
    );
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('x-request-id'), 'req-test-1');
    const order = (await created.json()) as { id: string; total: number };
    assert.equal(order.total, 1614); // 1899 - 285, no tax in US-OR
    const fetched = await fetch(`${baseUrl}/orders/${order.id}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(await fetched.json(), order);
    const logged = sink.records().filter((r) => r.reqId === 'req-test-1');
    assert.deepEqual(
      logged.map((r) => [r.level, r.msg]),
      [
        [30, 'order created'],
        [30, 'request completed'],
      ],
    );
  });

  it('answers 400 for orders of the wrong shape or unknown products, and logs a warning', async () => {
    const wrongShape = await postOrder({ customerId: 'cus_1001', lines: [] }, 'req-test-2');
    assert.equal(wrongShape.status, 400);
    assert.match(((await wrongShape.json()) as { error: string }).error, /lines must be an array/);
    const unknownSku = await postOrder({ customerId: 'cus_1001', lines: [{ sku: 'NOPE-1', quantity: 1 }] });
    assert.equal(unknownSku.status, 400);
    const warning = sink.records().find((r) => r.reqId === 'req-test-2' && r.level === 40);
    assert.equal(warning?.status, 400);
  });

  it('replaces request ids that are not safe tokens', async () => {
    const response = await fetch(`${baseUrl}/health`, { headers: { 'x-request-id': 'a b\u00e9' } });
    assert.match(String(response.headers.get('x-request-id')), /^[0-9a-f-]{36}$/);
  });

  it('answers 404 for unknown routes and orders', async () => {
    assert.equal((await fetch(`${baseUrl}/carts`)).status, 404);
    assert.equal((await fetch(`${baseUrl}/orders/ord_missing`)).status, 404);
  });

  it('rejects a report request without a valid day', async () => {
    const response = await fetch(`${baseUrl}/admin/reports/daily?day=yesterday`, { method: 'POST' });
    assert.equal(response.status, 400);
  });
});
