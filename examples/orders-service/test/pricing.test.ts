import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCustomer } from '../src/customers.js';
import { lineTotal, priceOrder, taxFor, UnknownProductError } from '../src/pricing.js';

describe('pricing', () => {
  it('multiplies unit price by quantity', () => {
    assert.equal(lineTotal(1450, 3), 4350);
  });

  it('taxes by region and rounds to the cent', () => {
    assert.equal(taxFor(10_000, 'US-CA'), 725);
    assert.equal(taxFor(899, 'US-NY'), 36); // 35.96
    assert.equal(taxFor(10_000, 'US-OR'), 0);
  });

  it('prices a standard customer without discounts', () => {
    const price = priceOrder([{ sku: 'TEE-014', quantity: 2 }], getCustomer('cus_1002'));
    assert.deepEqual(
      { subtotal: price.subtotal, tierDiscount: price.tierDiscount, tax: price.tax, total: price.total },
      { subtotal: 4800, tierDiscount: 0, tax: 192, total: 4992 },
    );
  });

  it('applies the tier discount before the code, then taxes what is left', () => {
    // gold: 10% of 5900 = 590; WELCOME10: 10% of 5310 = 531; CA tax 7.25% of 4779 = 346.48
    const price = priceOrder([{ sku: 'LMP-310', quantity: 1 }], getCustomer('cus_1001'), 'WELCOME10');
    assert.equal(price.tierDiscount, 590);
    assert.equal(price.codeDiscount, 531);
    assert.equal(price.tax, 346);
    assert.equal(price.total, 5125);
    assert.equal(price.lines[0]?.name, 'Desk lamp');
  });

  it('rejects products that are not in the catalog', () => {
    assert.throws(() => priceOrder([{ sku: 'GHOST-1', quantity: 1 }], getCustomer('cus_1002')), UnknownProductError);
  });
});
