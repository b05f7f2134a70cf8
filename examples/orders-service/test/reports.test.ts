import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Order } from '../src/orders.js';
import { buildDailyReport, msUntilNextNightlyRun, previousDay } from '../src/reports.js';

function orderWithTotal(id: string, total: number): Order {
  return {
    id,
    customerId: 'cus_1002',
    discountCode: null,
    paymentId: `auth_${id}`,
    createdAt: '2024-05-14T09:00:00.000Z',
    lines: [],
    subtotal: total,
    tierDiscount: 0,
    codeDiscount: 0,
    tax: 0,
    total,
  };
}

describe('daily report', () => {
  it('sums revenue and finds the average and median order', () => {
    const orders = [orderWithTotal('a', 3000), orderWithTotal('b', 1000), orderWithTotal('c', 8000)];
    assert.deepEqual(buildDailyReport('2024-05-14', orders), {
      day: '2024-05-14',
      orders: 3,
      revenue: 12_000,
      averageTotal: 4000,
      medianTotal: 3000,
    });
  });

  it('reports on the previous UTC day', () => {
    assert.equal(previousDay(new Date('2024-03-01T00:30:00Z')), '2024-02-29');
  });

  it('schedules the nightly run for the next 02:00 UTC', () => {
    assert.equal(msUntilNextNightlyRun(new Date('2024-05-14T01:00:00Z')), 3_600_000);
    assert.equal(msUntilNextNightlyRun(new Date('2024-05-14T02:00:00Z')), 86_400_000);
  });
});
