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
  'delivering',
  'delivery-paused',
  'delivered',
  'verified',
  'ineffective',
  'rejected',
  'rolled-back',
  'suppressed',
] as const;
export type HealingState = (typeof HEALING_STATES)[number];

/** States after which nothing more happens to a healing (a new occurrence opens a new one). */
export const FINAL_STATES: ReadonlySet<HealingState> = new Set([
  'no-fix',
  'validation-failed',
  'verified',
  'rejected',
  'rolled-back',
  'suppressed',
]);

/** States in which a patch is live, or on its way there: a new occurrence is judged, not healed again. */
export const LIVE_STATES: ReadonlySet<HealingState> = new Set(['delivering', 'delivery-paused', 'delivered']);

/** Every state, for facts that may be recorded at any point (an escalation, a limit that said no). */
const ANY_STATE = [null, ...HEALING_STATES] as const;

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
  /** A limit (max attempts, cool-down, healings per hour) stopped the healing before any work: data.limit says which. */
  suppressed: { from: ['detected'], to: 'suppressed' },
  /** The patch's risk score and its parts (core/approve): data.score, data.tier, data.parts. */
  'risk-assessed': { from: ['validated'], to: null },
  'approval-requested': { from: ['validated'], to: 'awaiting-approval' },
  /** One approval (a reviewer, or `homeostasis` for an auto-approving tier); the tier says how many are needed. */
  approved: { from: ['awaiting-approval'], to: null },
  rejected: { from: ['awaiting-approval'], to: 'rejected' },
  /** A limit or the kill switch kept an approved patch from being delivered now: data.limit says which. */
  'delivery-held': { from: ['awaiting-approval', 'delivering', 'delivery-paused'], to: null },
  'delivery-started': { from: ['awaiting-approval'], to: 'delivering' },
  /** One step of a progressive delivery (a canary weight and its outcome). */
  'delivery-step': { from: ['delivering'], to: null },
  /** An inconclusive step: a person decides whether to go on. */
  'delivery-paused': { from: ['delivering'], to: 'delivery-paused' },
  'delivery-resumed': { from: ['delivery-paused'], to: 'delivering' },
  delivered: { from: ['awaiting-approval', 'delivering'], to: 'delivered' },
  /** The fingerprint stayed silent for the observation window after delivery. */
  verified: { from: ['delivered'], to: 'verified' },
  /** The fingerprint recurred after delivery; a rollback follows. */
  ineffective: { from: ['delivered'], to: 'ineffective' },
  'rolled-back': { from: ['delivering', 'delivery-paused', 'delivered', 'ineffective'], to: 'rolled-back' },
  /** The fingerprint needs a person: repeated failures, an ineffective fix. */
  escalated: { from: ANY_STATE, to: null },
} as const satisfies Record<string, { from: readonly (HealingState | null)[]; to: HealingState | null }>;

export type HealingEventType = keyof typeof TRANSITIONS;
