/** States of a healing. The current state is never stored: it is derived from the healing's events. */
export const HEALING_STATES = [
  'detected',
  'analyzed',
  'candidates-generated',
  'validating',
  'validated',
  'no-fix',
  'validation-failed',
  'awaiting-approval',
  'delivered',
  'rejected',
  'rolled-back',
] as const;
export type HealingState = (typeof HEALING_STATES)[number];

/** States after which nothing more happens to a healing (a new occurrence opens a new one). */
export const FINAL_STATES: ReadonlySet<HealingState> = new Set([
  'no-fix',
  'validation-failed',
  'rejected',
  'rolled-back',
]);

/** Event types and the transitions they cause. `to: null` records a fact without changing the state. */
export const TRANSITIONS = {
  detected: { from: [null], to: 'detected' },
  analyzed: { from: ['detected'], to: 'analyzed' },
  'candidates-generated': { from: ['analyzed'], to: 'candidates-generated' },
  'no-fix': { from: ['analyzed', 'candidates-generated'], to: 'no-fix' },
  'validation-started': { from: ['candidates-generated', 'validating'], to: 'validating' },
  'candidate-result': { from: ['validating'], to: null },
  validated: { from: ['validating'], to: 'validated' },
  'validation-failed': { from: ['validating'], to: 'validation-failed' },
  'approval-requested': { from: ['validated'], to: 'awaiting-approval' },
  delivered: { from: ['awaiting-approval'], to: 'delivered' },
  rejected: { from: ['awaiting-approval'], to: 'rejected' },
  'rolled-back': { from: ['delivered'], to: 'rolled-back' },
} as const satisfies Record<string, { from: readonly (HealingState | null)[]; to: HealingState | null }>;

export type HealingEventType = keyof typeof TRANSITIONS;
