import { z } from 'zod';
import { DeliveryPlanError } from './progressivePorts.ts';

export const CanaryStepSchema = z.object({
  /** Percent of the traffic on the new version during this step. */
  weight: z.number().int().min(1).max(100),
  /** How long the step is watched before it is judged (ms). */
  bakeMs: z.number().int().min(0),
});
export type CanaryStep = z.infer<typeof CanaryStepSchema>;

export interface ProgressivePolicy {
  steps: CanaryStep[];
  /** How often the evidence (and the kill switch) is read during a bake: a failure ends the bake early. */
  pollMs: number;
  /**
   * Known errors of the same service (not the healed one, not new) occurring during a bake: `pause` makes the step
   * inconclusive (a person looks), `ignore` lets it pass. A service with steady background errors wants `ignore`.
   */
  otherErrors: 'pause' | 'ignore';
  /**
   * How far back the healed fingerprint's rate is read before the first shift (the baseline the canary judge
   * compares each step with: progressiveJudge.ts).
   */
  baselineMs: number;
  /**
   * At 100 %, occurrences in the first `graceMs` after the promotion are not held against the fix: requests the old
   * version was still serving, and events still in the ingest path, land then.
   */
  graceMs: number;
}

/**
 * 10 % → 50 % → 100 %, five minutes each canary step: long enough for a service with one request per second to
 * route ~30 (10 %) and ~150 (50 %) requests to the new version. The 100 % step has no bake of its own: after it,
 * the verification window (verification.ts) watches the fingerprint.
 */
export const DEFAULT_STEPS: readonly CanaryStep[] = [
  { weight: 10, bakeMs: 300_000 },
  { weight: 50, bakeMs: 300_000 },
  { weight: 100, bakeMs: 0 },
];

/** 15 s: a failed step is seen within one ingest batching window plus one poll. */
export const DEFAULT_POLL_MS = 15_000;

/** One hour: long enough that an error worth healing has a dozen occurrences to estimate its rate from. */
export const DEFAULT_BASELINE_MS = 3_600_000;

/** 30 s: API Gateway ends a request after 29 s, and one ingest batching window (~15 s) fits in it twice. */
export const DEFAULT_GRACE_MS = 30_000;

/** The policy with its defaults, checked: weights rise strictly and the last one is 100. */
export function progressivePolicy(overrides: Partial<ProgressivePolicy> = {}): ProgressivePolicy {
  const policy: ProgressivePolicy = {
    steps: overrides.steps ?? [...DEFAULT_STEPS],
    pollMs: overrides.pollMs ?? DEFAULT_POLL_MS,
    otherErrors: overrides.otherErrors ?? 'pause',
    baselineMs: overrides.baselineMs ?? DEFAULT_BASELINE_MS,
    graceMs: overrides.graceMs ?? DEFAULT_GRACE_MS,
  };
  checkSteps(policy.steps);
  if (!Number.isFinite(policy.pollMs) || policy.pollMs <= 0) {
    throw new DeliveryPlanError(`pollMs must be positive, got ${policy.pollMs}`);
  }
  if (!Number.isFinite(policy.baselineMs) || policy.baselineMs <= 0) {
    throw new DeliveryPlanError(`baselineMs must be positive, got ${policy.baselineMs}`);
  }
  if (!Number.isFinite(policy.graceMs) || policy.graceMs < 0) {
    throw new DeliveryPlanError(`graceMs must be 0 or more, got ${policy.graceMs}`);
  }
  return policy;
}

export function checkSteps(steps: readonly CanaryStep[]): void {
  if (steps.length === 0) throw new DeliveryPlanError('a delivery plan needs at least one step');
  steps.forEach((step, i) => {
    const parsed = CanaryStepSchema.safeParse(step);
    if (!parsed.success) throw new DeliveryPlanError(`step ${i + 1}: ${parsed.error.issues[0]?.message}`);
    const before = steps[i - 1];
    if (before && step.weight <= before.weight) {
      throw new DeliveryPlanError(`step ${i + 1}: weight ${step.weight} does not rise above ${before.weight}`);
    }
  });
  const last = steps.at(-1);
  if (last?.weight !== 100) throw new DeliveryPlanError(`the last step must send 100 %, not ${last?.weight}`);
}

/**
 * The steps a target can run: a target without weighted routing gets one step at 100 % that bakes as long as the
 * longest step of the plan (the only chance to see the new version's errors before `delivered`).
 */
export function stepsFor(steps: readonly CanaryStep[], weighted: boolean): CanaryStep[] {
  if (weighted) return [...steps];
  return [{ weight: 100, bakeMs: Math.max(...steps.map((s) => s.bakeMs)) }];
}
