import { type ClaimedHealing, decideHealingStart, type HealingClaim, type StartPolicy } from './healingStart.ts';

/**
 * How long ingest remembers "fingerprint F: healing H is busy" (in Redis) by default: a storm of one error
 * then reads H's events once per 10 s instead of once per batch (tens of batches a second in a storm).
 */
export const DEFAULT_BUSY_WINDOW_MS = 10_000;

/**
 * For how long (ms) the "skip" just decided for `healing` (found in state `healing.state` at `now`) is the decision
 * a fresh lookup would make; 0 = do not remember it. Exact because:
 * - a hit is used only while the claim the occurrence write returned still names the same healing (a new claim or
 *   a takeover shows up there immediately), and muting only adds skips;
 * - a healing's state only moves forward: an open one stays open (skip) or closes, and a closed one is skipped for
 *   `cooldownMs` after it closed. A healing that closes during the window closed after it was read (after `now`),
 *   so with a window of at most half the cool-down every moment of the window is still inside that cool-down
 *   (the half leaves room for clock skew between the functions that write `updatedAt`);
 * - without a state change the decision at the end of the window is checked directly (a cool-down or a mute ending
 *   inside the window is not remembered);
 * - a healing with no recorded event (being started; may be taken over when its claim goes stale) is never
 *   remembered, and the caller never remembers a `detected` healing whose hand-off to analyze is not recorded (the
 *   next occurrence must re-send it).
 */
export function busyWindowMs(
  claim: HealingClaim,
  healing: ClaimedHealing,
  now: Date,
  policy: StartPolicy,
  windowMs: number = DEFAULT_BUSY_WINDOW_MS,
): number {
  if (healing.state === null) return 0;
  const forMs = Math.min(windowMs, Math.floor(policy.cooldownMs / 2));
  if (forMs <= 0) return 0;
  const atEnd = decideHealingStart(claim, healing, new Date(now.getTime() + forMs), policy);
  return atEnd.kind === 'skip' ? forMs : 0;
}
