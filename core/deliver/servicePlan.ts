import type { LambdaDelivery } from '../pipeline/serviceConfig.ts';
import { DEFAULT_STEPS, type ProgressivePolicy, progressivePolicy } from './progressivePlan.ts';
import { DEFAULT_VERIFICATION_WINDOW_MS } from './verification.ts';

/** How one service's approved healings are delivered and then watched, from its registry entry. */
export interface ServicePlan {
  policy: ProgressivePolicy;
  verification: { windowMs: number; pollMs: number; graceMs: number };
}

/**
 * The registry's delivery fields over core/deliver's defaults. A plan that cannot run (weights not rising, not
 * ending at 100) throws DeliveryPlanError, so a bad registry entry is reported instead of delivered.
 */
export function servicePlanOf(delivery: LambdaDelivery): ServicePlan {
  const steps =
    delivery.steps ??
    DEFAULT_STEPS.map((s) => (s.weight < 100 && delivery.bakeMs !== undefined ? { ...s, bakeMs: delivery.bakeMs } : s));
  const policy = progressivePolicy({
    steps,
    ...(delivery.pollMs !== undefined ? { pollMs: delivery.pollMs } : {}),
    ...(delivery.graceMs !== undefined ? { graceMs: delivery.graceMs } : {}),
    ...(delivery.otherErrors ? { otherErrors: delivery.otherErrors } : {}),
  });
  return {
    policy,
    verification: {
      windowMs: delivery.verifyWindowMs ?? DEFAULT_VERIFICATION_WINDOW_MS,
      pollMs: policy.pollMs,
      graceMs: policy.graceMs,
    },
  };
}
