import { recordDetection } from '../heal/healingStages.ts';
import { admitHealing, type IngestLimits } from '../limits/admitHealing.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { HealingStore } from '../workflow/healingStore.ts';
import { deriveState, IllegalTransitionError } from '../workflow/healingWorkflow.ts';
import { type ClaimedHealing, decideHealingStart, type HealingClaim, type StartPolicy } from './healingStart.ts';
import type { FingerprintBatch } from './occurrenceTally.ts';
import type { ClaimStore, Idempotency, OccurrenceCounter, RecentFingerprints } from './pipelinePorts.ts';
import { busyWindowMs } from './recentSkip.ts';

export interface IngestDeps {
  store: HealingStore;
  claims: ClaimStore;
  occurrences: OccurrenceCounter;
  idempotency: Idempotency;
  /** Redis memory of busy healings; null (or absent) = every start decision reads the store. */
  recent?: RecentFingerprints | null;
  /** How long a "busy" decision is remembered; capped by recentSkip.ts to keep it exact. */
  recentWindowMs?: number;
  policy: StartPolicy;
  /** Anti-flapping and healings per hour (core/limits); absent or null = no limits (the embedded CLI's one-shot). */
  limits?: IngestLimits | null;
  /** Hands a healing to the analyze stage. */
  sendAnalyze(healingId: string): Promise<void>;
  newId(): string;
  now(): Date;
}

export interface IngestOutcome {
  fingerprint: string;
  /** Occurrences of this fingerprint in the batch, and in total after counting them. */
  added: number;
  occurrences: number;
  /** The healing handed to analyze by this call, if any. */
  healingId: string | null;
  reason: string;
}

/** Idempotency key of "healing X was handed to stage Y". */
export function handedOffKey(healingId: string, stage: string): string {
  return `handoff#${stage}#${healingId}`;
}

/**
 * One fingerprint's occurrences in a batch arriving in the pipeline: count them (one write), and start a healing
 * when the fingerprint has none open and is not cooling down. The start is claimed with a conditional update, so
 * concurrent ingests start one healing at most. A detected healing whose hand-off to analyze was never recorded
 * (the sender died after recording) is handed off again by the next occurrence: analyze is idempotent, a lost
 * healing is not. A fingerprint remembered as busy (deps.recent) skips the healing lookup; see recentSkip.ts for
 * why that skip is the decision the lookup would have made.
 */
export async function ingestFingerprint(batch: FingerprintBatch, deps: IngestDeps): Promise<IngestOutcome> {
  const { fingerprint } = batch.tally;
  const now = deps.now();
  const { occurrence, claim } = await deps.occurrences.add(batch.tally, now);
  const out = (healingId: string | null, reason: string): IngestOutcome => ({
    fingerprint,
    added: batch.tally.count,
    occurrences: occurrence.count,
    healingId,
    reason,
  });
  const openId = claim.openHealingId;
  if (openId && deps.recent && (await deps.recent.busyHealingOf(fingerprint)) === openId) {
    return out(null, `healing ${openId} is busy (remembered)`);
  }
  const healing = openId ? await healingView(deps.store, openId) : null;
  const decision = decideHealingStart(claim, healing, now, deps.policy);

  let healingId: string;
  if (decision.kind === 'skip') {
    if (openId && healing?.state === 'detected' && !(await deps.idempotency.seen(handedOffKey(openId, 'analyze')))) {
      await handOff(openId, deps);
      return out(openId, `handed ${openId} to analyze again: its hand-off was not recorded`);
    }
    await remember(fingerprint, claim, healing, now, deps);
    return out(null, decision.reason);
  }
  if (decision.kind === 'start') {
    healingId = deps.newId();
    if (!(await deps.claims.claim(fingerprint, decision.replaces, healingId, now.toISOString()))) {
      return out(null, 'another ingest started a healing for this fingerprint first');
    }
  } else {
    healingId = decision.healingId;
  }
  const { event } = batch.first;
  const recorder = await HealingRecorder.open(deps.store, healingId, {
    fingerprint,
    service: event.service,
    category: event.category,
  });
  try {
    await recordDetection(recorder, batch.first, occurrence.count);
  } catch (error) {
    if (!(error instanceof IllegalTransitionError)) throw error;
    return out(null, `healing ${healingId} was resumed by another ingest`);
  }
  if (deps.limits) {
    const admission = await admitHealing(recorder, { ...deps.limits, store: deps.store, now: deps.now });
    if (!admission.admitted) return out(null, `healing ${healingId} suppressed: ${admission.detail}`);
  }
  await handOff(healingId, deps);
  return out(healingId, decision.kind === 'start' ? 'started a healing' : 'resumed a stale claim');
}

async function remember(
  fingerprint: string,
  claim: HealingClaim,
  healing: ClaimedHealing | null,
  now: Date,
  deps: IngestDeps,
): Promise<void> {
  if (!deps.recent || !claim.openHealingId || !healing) return;
  const forMs = busyWindowMs(claim, healing, now, deps.policy, deps.recentWindowMs);
  if (forMs > 0) await deps.recent.rememberBusy(fingerprint, claim.openHealingId, forMs);
}

async function handOff(healingId: string, deps: IngestDeps): Promise<void> {
  await deps.sendAnalyze(healingId);
  await deps.idempotency.mark(handedOffKey(healingId, 'analyze'));
}

async function healingView(store: HealingStore, healingId: string): Promise<ClaimedHealing> {
  const events = await store.events(healingId);
  return { state: deriveState(events), updatedAt: events.at(-1)?.at ?? null };
}
