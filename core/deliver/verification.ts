import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import { deliveryStartedOf, rollBack } from './progressiveDelivery.ts';
import { DEFAULT_GRACE_MS } from './progressivePlan.ts';
import { DeliveryStateError, type DeliveryTarget, type Observation } from './progressivePorts.ts';

export interface VerificationDeps {
  target: DeliveryTarget;
  observation: Observation;
  /** How long the fingerprint must stay silent after `delivered` to count as healed. */
  windowMs: number;
  /** How often `verifyDelivery` looks while the window runs. */
  pollMs: number;
  /**
   * Occurrences in the first `graceMs` after all traffic moved to the fix are not held against it: requests the old
   * version was still serving, events still in the ingest path (DEFAULT_GRACE_MS, 30 s, when unset).
   */
  graceMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * One hour: an error worth healing automatically recurred often enough to be seen, so an hour of silence with all
 * traffic on the fix is evidence; rarer errors want a longer window (it is configuration).
 */
export const DEFAULT_VERIFICATION_WINDOW_MS = 3_600_000;

export type VerificationOutcome =
  | { outcome: 'pending'; silentForMs: number }
  | { outcome: 'verified'; windowMs: number }
  | { outcome: 'ineffective'; occurrences: number; rolledBackTo: string };

/**
 * One look at a delivered healing (a scheduler may call this, since a Lambda invocation cannot wait an hour):
 *   the healed fingerprint occurred since all traffic moved to the fix (the 100 % step began) and the grace period
 *     after it → `ineffective`,
 *     the target goes back to the version that served before the delivery (`rolled-back`), and the fingerprint is
 *     `escalated` to a person;
 *   the window (counted from `delivered`) has passed in silence → `verified`;
 *   otherwise → pending, nothing recorded.
 * An unreadable store throws: silence that could not be read proves nothing, and the next look decides.
 */
export async function checkVerification(
  recorder: HealingRecorder,
  deps: VerificationDeps,
): Promise<VerificationOutcome> {
  if (recorder.state !== 'delivered') {
    throw new DeliveryStateError(`healing ${recorder.id} is ${recorder.state ?? 'new'}, not delivered`);
  }
  const delivered = [...recorder.events].reverse().find((e) => e.type === 'delivered');
  if (!delivered) throw new DeliveryStateError(`healing ${recorder.id} has no delivered event`);
  const allTraffic = allTrafficSince(recorder) ?? new Date(delivered.at);
  const since = new Date(allTraffic.getTime() + (deps.graceMs ?? DEFAULT_GRACE_MS));
  const now = (deps.now ?? (() => new Date()))();
  const occurrences = await deps.observation.occurrencesSince(recorder.meta.fingerprint, since);
  if (occurrences > 0) {
    const { from, to } = deliveryStartedOf(recorder);
    const why = `the healed error occurred ${occurrences} time(s) after delivery`;
    await recorder.record('ineffective', why, { occurrences, since: since.toISOString() });
    await rollBack(recorder, deps.target, { from, to, why });
    await recorder.record('escalated', `the fix did not stop ${recorder.meta.fingerprint}; a person should look`, {
      reason: 'ineffective',
      occurrences,
    });
    return { outcome: 'ineffective', occurrences, rolledBackTo: from };
  }
  const silentForMs = now.getTime() - Date.parse(delivered.at);
  if (silentForMs < deps.windowMs) return { outcome: 'pending', silentForMs };
  await recorder.record('verified', `no occurrence for ${Math.round(silentForMs / 1000)} s after delivery`, {
    windowMs: deps.windowMs,
    silentForMs,
  });
  return { outcome: 'verified', windowMs: deps.windowMs };
}

/** When the 100 % step began: from then on every occurrence of the fingerprint came from the fix. */
function allTrafficSince(recorder: HealingRecorder): Date | null {
  const step = [...recorder.events].reverse().find((e) => e.type === 'delivery-step' && e.data['weight'] === 100);
  const since = step?.data['since'];
  return typeof since === 'string' && Number.isFinite(Date.parse(since)) ? new Date(since) : null;
}

/** Looks every `pollMs` until the healing is verified or ineffective (for a long-running process or a test). */
export async function verifyDelivery(
  recorder: HealingRecorder,
  deps: VerificationDeps,
): Promise<Exclude<VerificationOutcome, { outcome: 'pending' }>> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (;;) {
    const result = await checkVerification(recorder, deps);
    if (result.outcome !== 'pending') return result;
    await sleep(Math.min(deps.pollMs, deps.windowMs - result.silentForMs));
  }
}
