import type { HealingState } from '../workflow/healingStates.ts';
import type { HealingSummary } from '../workflow/healingStore.ts';
import type { LimitPolicy } from './limitPolicy.ts';

/** States of an attempt whose fix did not work: they count against the fingerprint's attempts. */
export const FAILED_ATTEMPT_STATES: ReadonlySet<HealingState> = new Set([
  'validation-failed',
  'ineffective',
  'rolled-back',
]);

export type FingerprintVerdict =
  | { admitted: true; failures: number }
  | { admitted: false; limit: 'max-attempts' | 'cooldown'; detail: string; failures: number };

/** A past healing of the fingerprint as the per-fingerprint policy sees it (HealingSummary has these fields). */
export type PastHealing = Pick<HealingSummary, 'id' | 'state' | 'createdAt' | 'updatedAt'>;

/**
 * Per-fingerprint anti-flapping: may a new healing (`currentId`, just detected) of a fingerprint go ahead, given
 * the fingerprint's other healings? Suppressed healings are not attempts. No: when `maxAttemptsPerFingerprint`
 * attempts failed within `attemptWindowMs`, or when the last attempt ended (its last event) less than
 * `cooldownMs` ago. Pure, so the property test can drive it through long histories.
 */
export function judgeFingerprint(
  history: readonly PastHealing[],
  currentId: string,
  now: Date,
  policy: LimitPolicy,
): FingerprintVerdict {
  const t = now.getTime();
  const attempts = history.filter((h) => h.id !== currentId && h.state !== 'suppressed');
  const failures = attempts.filter(
    (h) => FAILED_ATTEMPT_STATES.has(h.state) && t - Date.parse(h.updatedAt) < policy.attemptWindowMs,
  ).length;
  if (failures >= policy.maxAttemptsPerFingerprint) {
    const hours = round(policy.attemptWindowMs / 3_600_000);
    return {
      admitted: false,
      limit: 'max-attempts',
      detail: `${failures} attempt(s) for this fingerprint failed within ${hours} h (max ${policy.maxAttemptsPerFingerprint})`,
      failures,
    };
  }
  const last = attempts.reduce<PastHealing | null>(
    (latest, h) => (latest === null || Date.parse(h.updatedAt) > Date.parse(latest.updatedAt) ? h : latest),
    null,
  );
  if (last) {
    const since = t - Date.parse(last.updatedAt);
    if (since < policy.cooldownMs) {
      const minutes = round(policy.cooldownMs / 60_000);
      return {
        admitted: false,
        limit: 'cooldown',
        detail: `attempt ${last.id} (${last.state}) was last active ${round(since / 60_000)} min ago; cool-down is ${minutes} min`,
        failures,
      };
    }
  }
  return { admitted: true, failures };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
