import { describe, expect, it } from 'vitest';
import { limitPolicyFor } from './limitPolicy.ts';

describe('limitPolicyFor', () => {
  it("has the architecture record's production rates: 5 healings, 10 patches, 3 deployments per hour", () => {
    expect(limitPolicyFor('production')).toMatchObject({
      healingsPerHour: 5,
      patchesPerHour: 10,
      deploymentsPerHour: 3,
    });
  });

  it('gives an unknown environment production limits, and looser ones to staging and development', () => {
    expect(limitPolicyFor('eu-prod-canary')).toEqual(limitPolicyFor('production'));
    expect(limitPolicyFor(' Staging ').healingsPerHour).toBeGreaterThan(limitPolicyFor('production').healingsPerHour);
    expect(limitPolicyFor('dev').cooldownMs).toBeLessThan(limitPolicyFor('staging').cooldownMs);
  });

  it('applies overrides, ignoring ones left undefined', () => {
    const policy = limitPolicyFor('production', { deploymentsPerHour: 1, cooldownMs: undefined });
    expect(policy.deploymentsPerHour).toBe(1);
    expect(policy.cooldownMs).toBe(3_600_000);
  });
});
