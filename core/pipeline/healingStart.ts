import { FINAL_STATES, type HealingState } from '../workflow/healingStates.ts';

/** What the occurrence item of a fingerprint says about its healing. */
export interface HealingClaim {
  /** The healing ingest last started (claimed) for this fingerprint. */
  openHealingId: string | null;
  /** When that claim was made (ISO-8601). */
  claimedAt: string | null;
  /** An operator (or a policy) muted the fingerprint until this time (ISO-8601). */
  cooldownUntil: string | null;
}

/** The claimed healing as the store has it: `state` null when no event was recorded yet. */
export interface ClaimedHealing {
  state: HealingState | null;
  updatedAt: string | null;
}

export interface StartPolicy {
  /** After a healing ends without a fix (or after a delivery), wait this long before trying the same error again. */
  cooldownMs: number;
  /**
   * A claim with no recorded detection older than this is taken over: its ingest died between claiming and
   * recording. Must exceed the ingest function's timeout, or a slow (live) claimer would be taken over.
   */
  claimStaleMs: number;
}

/** One hour: a deploy that did not fix the error is not retried on every log line. */
export const DEFAULT_COOLDOWN_MS = 3_600_000;
/** Twice the ingest function's 30 s timeout (infra/cdk/lib/stageConfig.ts). */
export const DEFAULT_CLAIM_STALE_MS = 60_000;

export type StartDecision =
  /** Claim a new healing; `replaces` is the claim the conditional update expects to find (null: none). */
  | { kind: 'start'; replaces: string | null }
  /** The claimed healing never recorded its detection and its claimer is gone: record it now. */
  | { kind: 'resume'; healingId: string }
  | { kind: 'skip'; reason: string };

/** States in which a fingerprint has no healing in progress: a new occurrence may open a new one after the cool-down. */
function isClosed(state: HealingState): boolean {
  return FINAL_STATES.has(state) || state === 'delivered';
}

/**
 * Decides whether an occurrence of a fingerprint starts a healing. One healing per fingerprint at a time; a closed
 * one is followed by a new one only after the cool-down. The decision is then made atomic by a conditional update
 * of the occurrence item that expects the claim seen here, so two concurrent ingests cannot both start one.
 */
export function decideHealingStart(
  claim: HealingClaim,
  healing: ClaimedHealing | null,
  now: Date,
  policy: StartPolicy,
): StartDecision {
  const t = now.getTime();
  if (claim.cooldownUntil && Date.parse(claim.cooldownUntil) > t) {
    return { kind: 'skip', reason: `muted until ${claim.cooldownUntil}` };
  }
  if (claim.openHealingId === null) return { kind: 'start', replaces: null };
  if (healing === null || healing.state === null) {
    const claimedAt = claim.claimedAt ? Date.parse(claim.claimedAt) : Number.NaN;
    if (Number.isFinite(claimedAt) && t - claimedAt < policy.claimStaleMs) {
      return { kind: 'skip', reason: `healing ${claim.openHealingId} is being started` };
    }
    return { kind: 'resume', healingId: claim.openHealingId };
  }
  if (!isClosed(healing.state)) {
    return { kind: 'skip', reason: `healing ${claim.openHealingId} is ${healing.state}` };
  }
  const closedAt = healing.updatedAt ? Date.parse(healing.updatedAt) : Number.NaN;
  if (Number.isFinite(closedAt) && t - closedAt < policy.cooldownMs) {
    return { kind: 'skip', reason: `healing ${claim.openHealingId} ended ${healing.state}; cooling down` };
  }
  return { kind: 'start', replaces: claim.openHealingId };
}
