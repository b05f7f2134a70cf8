import { describe, expect, it } from 'vitest';
import { MASK, scrubRecord, scrubSecrets } from './secretScrubber.ts';

describe('scrubSecrets', () => {
  it.each([
    ['aws key', 'using key AKIAIOSFODNN7EXAMPLE for s3', 'AKIAIOSFODNN7EXAMPLE'],
    ['bearer header', 'GET /orders Authorization: Bearer eyJhbGciOi.abc.def-token', 'eyJhbGciOi.abc.def-token'],
    ['password field', 'connect failed password=hunter2secret host=db', 'hunter2secret'],
    ['json token field', '{"api_key":"sk_live_51Habc123"}', 'sk_live_51Habc123'],
    ['url credentials', 'ECONNREFUSED postgres://orders:s3cr3tpw@db.internal:5432/orders', 's3cr3tpw'],
    ['email', 'customer alice.smith@example.com not found', 'alice.smith@example.com'],
    ['card number', 'charge failed for 4111 1111 1111 1111 amount 20', '4111 1111 1111 1111'],
    ['github token', 'push with ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
  ])('masks a %s', (_kind, text, secret) => {
    const result = scrubSecrets(text);
    expect(result.text).not.toContain(secret);
    expect(result.text).toContain(MASK);
    expect(result.found.length).toBeGreaterThan(0);
  });

  it('keeps ordinary text, ids and numbers that fail the Luhn check', () => {
    const text = "TypeError: Cannot read properties of undefined (reading 'percent') order 1234567890123 at 2026-11-24";
    expect(scrubSecrets(text).text).toBe(text);
  });

  it('keeps the key of a masked field so the message stays readable', () => {
    expect(scrubSecrets('token=abcdef123456').text).toBe(`token=${MASK}`);
  });

  it('masks values of sensitive keys in records', () => {
    expect(scrubRecord({ authorization: 'Basic Zm9vOmJhcg==', region: 'eu-west-1' })).toEqual({
      authorization: MASK,
      region: 'eu-west-1',
    });
  });
});
