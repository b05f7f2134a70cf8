import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCustomer, listCustomerIds, TIER_DISCOUNT_PERCENT } from '../src/customers.js';

describe('customers', () => {
  it('finds a customer by id', () => {
    const customer = getCustomer('cus_1003');
    assert.equal(customer.name, 'Chen Wei');
    assert.equal(customer.tier, 'silver');
  });

  it('knows a tier discount for every customer in the directory', () => {
    for (const id of listCustomerIds()) {
      assert.equal(typeof TIER_DISCOUNT_PERCENT[getCustomer(id).tier], 'number', id);
    }
  });
});
