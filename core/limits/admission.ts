/** Which limit stopped something; recorded as `data.limit` on `suppressed`, `delivery-held` and `no-fix` events. */
export type LimitName =
  | 'max-attempts'
  | 'cooldown'
  | 'healings-per-hour'
  | 'patches-per-hour'
  | 'deployments-per-hour'
  | 'kill-switch';

/** The answer of every admission check: admitted, or which limit said no and why (one sentence for a person). */
export type Admission = { admitted: true } | { admitted: false; limit: LimitName; detail: string };

export const ADMITTED: Admission = { admitted: true };
