import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDiscount } from '../src/discounts.js';

describe('applyDiscount', () => {
  it('takes the code percentage off', () => {
    assert.equal(applyDiscount(10_000, 'SPRING15'), 8500);
  });

  it('accepts codes in any case and with surrounding spaces', () => {
    assert.equal(applyDiscount(2000, '  welcome10 '), 1800);
    assert.equal(applyDiscount(2000, 'Loyal5'), 1900);
  });

  it('rounds the discount to the nearest cent', () => {
    assert.equal(applyDiscount(899, 'SPRING15'), 764); // 134.85 off -> 135
  });
});
