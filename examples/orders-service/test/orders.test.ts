import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../src/logger.js';
import { createOrder, InvalidOrderError, OrderStore, parseOrderRequest } from '../src/orders.js';
import { sandboxGateway } from '../src/payments.js';
import { MemorySink } from './logSink.js';

const body = (value: unknown) => JSON.stringify(value);

describe('parseOrderRequest', () => {
  it('reads customer, lines and the optional discount code', () => {
    const request = parseOrderRequest(
      body({ customerId: 'cus_1001', lines: [{ sku: 'MUG-001', quantity: 2 }], discountCode: 'SPRING15' }),
    );
    assert.deepEqual(request, {
      customerId: 'cus_1001',
      lines: [{ sku: 'MUG-001', quantity: 2 }],
      discountCode: 'SPRING15',
    });
  });

  it('rejects well-formed JSON of the wrong shape', () => {
    const invalid = [
      [],
      { lines: [{ sku: 'MUG-001', quantity: 1 }] },
      { customerId: 'cus_1001', lines: [] },
      { customerId: 'cus_1001', lines: [{ sku: 'MUG-001', quantity: 0 }] },
      { customerId: 'cus_1001', lines: [{ sku: 'MUG-001', quantity: 1.5 }] },
      { customerId: 'cus_1001', lines: [{ quantity: 1 }] },
      { customerId: 'cus_1001', lines: [{ sku: 'MUG-001', quantity: 1 }], discountCode: 10 },
    ];
    for (const value of invalid) {
      assert.throws(() => parseOrderRequest(body(value)), InvalidOrderError, body(value));
    }
  });
});

describe('createOrder', () => {
  it('prices, authorizes, stores and logs the order', async () => {
    const store = new OrderStore();
    const sink = new MemorySink();
    const now = () => new Date('2024-05-14T10:30:00.000Z');
    const order = await createOrder(
      body({ customerId: 'cus_1003', lines: [{ sku: 'NB-007', quantity: 3 }], discountCode: 'loyal5' }),
      { store, payments: sandboxGateway(), log: createLogger(sink), now },
    );
    // 2697, silver 5% -> 2562, LOYAL5 -> 2434, TX 6.25% -> 152
    assert.equal(order.total, 2586);
    assert.equal(order.paymentId, `auth_sandbox_${order.id}`);
    assert.equal(store.get(order.id), order);
    assert.deepEqual(store.createdOn('2024-05-14'), [order]);
    assert.deepEqual(store.createdOn('2024-05-13'), []);
    assert.equal(sink.records()[0]?.msg, 'order created');
  });
});
