/**
 * The healing states, in workflow order, for the list's state filter: the same list as HEALING_STATES in
 * core/workflow/healingStates.ts (test/dashboard/dashboardModules.test.ts fails when the two drift apart).
 */
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
];
