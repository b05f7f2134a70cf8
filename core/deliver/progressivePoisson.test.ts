import { describe, expect, it } from 'vitest';
import { poissonQuantile } from './progressivePoisson.ts';

/** P(X ≤ k) for X ~ Poisson(λ) with an integer λ: the sum Σ λ^i / i! exactly in integers, then one division. */
function exactCdf(lambda: number, k: number): number {
  const l = BigInt(lambda);
  let factorial = 1n;
  let sum = 0n;
  // Σ_{i ≤ k} λ^i / i! = (Σ_{i ≤ k} λ^i · k! / i!) / k!
  for (let i = 1; i <= k; i++) factorial *= BigInt(i);
  let falling = factorial; // k! / i! for i = 0
  for (let i = 0; i <= k; i++) {
    sum += l ** BigInt(i) * falling;
    if (i < k) falling /= BigInt(i + 1);
  }
  const scale = 10n ** 15n;
  return (Number((sum * scale) / factorial) / Number(scale)) * Math.exp(-lambda);
}

describe('poissonQuantile', () => {
  it('is the smallest k with P(X ≤ k) ≥ p, checked against the exact sum', () => {
    for (const lambda of [1, 2, 5, 9, 25, 45]) {
      for (const p of [0.5, 0.9, 0.999]) {
        const k = poissonQuantile(lambda, p);
        expect(exactCdf(lambda, k)).toBeGreaterThanOrEqual(p);
        if (k > 0) expect(exactCdf(lambda, k - 1)).toBeLessThan(p);
      }
    }
  });

  it('matches the values scipy.stats.poisson.ppf(0.999, λ) printed (scipy 1.17.1)', () => {
    // python3 -c "from scipy.stats import poisson; print([int(poisson.ppf(0.999, l)) for l in ...])"
    const scipy: [number, number][] = [
      [0.5, 4],
      [1, 5],
      [9, 20],
      [25, 42],
      [45, 67],
      [1_000, 1_099],
      [2_000, 2_140],
      [5_000, 5_220],
      [20_000, 20_438],
      [123_456.7, 124_544],
      [1e6, 1_003_092],
    ];
    for (const [lambda, k] of scipy) expect(poissonQuantile(lambda, 0.999)).toBe(k);
  });

  it('is 0 for λ = 0 and refuses what is not a distribution', () => {
    expect(poissonQuantile(0, 0.999)).toBe(0);
    expect(() => poissonQuantile(-1, 0.5)).toThrow(RangeError);
    expect(() => poissonQuantile(Number.NaN, 0.5)).toThrow(RangeError);
    expect(() => poissonQuantile(1, 1)).toThrow(RangeError);
  });
});
