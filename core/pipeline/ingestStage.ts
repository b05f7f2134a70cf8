import type { BuiltEvent } from '../heal/errorEventBuilder.ts';
import { recordDetection } from '../heal/healingStages.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { HealingStore } from '../workflow/healingStore.ts';
import { deriveState, IllegalTransitionError } from '../workflow/healingWorkflow.ts';
import { type ClaimedHealing, decideHealingStart, type StartPolicy } from './healingStart.ts';
import type { ClaimStore, Idempotency } from './pipelinePorts.ts';

export interface IngestDeps {
  store: HealingStore;
  claims: ClaimStore;
  idempotency: Idempotency;
  policy: StartPolicy;
  /** Hands a healing to the analyze stage. */
  sendAnalyze(healingId: string): Promise<void>;
  newId(): string;
  now(): Date;
}

export interface IngestOutcome {
  fingerprint: string;
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
 * One error event arriving in the pipeline: count it, and start a healing when its fingerprint has none open and is
 * not cooling down. The start is claimed with a conditional update, so concurrent ingests start one healing at most.
 * A detected healing whose hand-off to analyze was never recorded (the sender died after recording) is handed off
 * again by the next occurrence: analyze is idempotent, a lost healing is not.
 */
export async function ingestEvent(built: BuiltEvent, deps: IngestDeps): Promise<IngestOutcome> {
  const { event } = built;
  const fingerprint = event.fingerprint;
  const occurrence = await deps.store.recordOccurrence(fingerprint, event.timestamp, built.fingerprintParts, event);
  const out = (healingId: string | null, reason: string): IngestOutcome => ({
    fingerprint,
    occurrences: occurrence.count,
    healingId,
    reason,
  });
  const claim = await deps.claims.claimOf(fingerprint);
  const healing = claim.openHealingId ? await healingView(deps.store, claim.openHealingId) : null;
  const now = deps.now();
  const decision = decideHealingStart(claim, healing, now, deps.policy);

  let healingId: string;
  if (decision.kind === 'skip') {
    const id = claim.openHealingId;
    if (id && healing?.state === 'detected' && !(await deps.idempotency.seen(handedOffKey(id, 'analyze')))) {
      await handOff(id, deps);
      return out(id, `handed ${id} to analyze again: its hand-off was not recorded`);
    }
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
  const recorder = await HealingRecorder.open(deps.store, healingId, {
    fingerprint,
    service: event.service,
    category: event.category,
  });
  try {
    await recordDetection(recorder, built, occurrence.count);
  } catch (error) {
    if (!(error instanceof IllegalTransitionError)) throw error;
    return out(null, `healing ${healingId} was resumed by another ingest`);
  }
  await handOff(healingId, deps);
  return out(healingId, decision.kind === 'start' ? 'started a healing' : 'resumed a stale claim');
}

async function handOff(healingId: string, deps: IngestDeps): Promise<void> {
  await deps.sendAnalyze(healingId);
  await deps.idempotency.mark(handedOffKey(healingId, 'analyze'));
}

async function healingView(store: HealingStore, healingId: string): Promise<ClaimedHealing> {
  const events = await store.events(healingId);
  return { state: deriveState(events), updatedAt: events.at(-1)?.at ?? null };
}
