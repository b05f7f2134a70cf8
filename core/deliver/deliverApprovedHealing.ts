import { approvalStatus } from '../approve/approvalStatus.ts';
import { admitDelivery, killSwitchGate } from '../limits/admitDelivery.ts';
import type { ControlStore } from '../limits/controlStore.ts';
import type { LimitPolicy } from '../limits/limitPolicy.ts';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import { ConcurrentAppendError } from '../workflow/healingStore.ts';
import { IllegalTransitionError } from '../workflow/healingWorkflow.ts';
import { type DeliveryOutcome, deliverProgressively, type ProgressiveDeps } from './progressiveDelivery.ts';
import type { ProgressivePolicy } from './progressivePlan.ts';
import type { DeliveryTarget, MayContinue, Observation } from './progressivePorts.ts';
import { checkVerification, type VerificationDeps, type VerificationOutcome } from './verification.ts';

export interface ApprovedDeliveryDeps {
  control: ControlStore;
  limits: LimitPolicy;
  target: DeliveryTarget;
  observation: Observation;
  policy: ProgressivePolicy;
  /** True once the caller shuts down: a delivery in flight then holds (and rolls back) at its next check. */
  stopping?: () => boolean;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export type ApprovedDeliveryOutcome =
  /** Not this call's to deliver: not awaiting approval, approvals missing, or rejected. Nothing was recorded. */
  | { outcome: 'not-ready'; why: string }
  /** Another writer (a second orchestrator, a person) moved the healing first; this call stopped. */
  | { outcome: 'superseded'; why: string }
  | DeliveryOutcome;

/**
 * Delivers a healing whose approvals are complete, as the orchestrator's sweep does for a registered service: the
 * gate's checks first (admitDelivery: the kill switch, and one of the hour's deployments; a refusal is recorded as
 * `delivery-held` and retried by the next sweep), then deliverProgressively with the kill switch asked before every
 * step and at every poll. Two callers may race (two orchestrator instances): the conditional appends of the
 * recorder decide, and the one whose `delivery-started` (or any later event) loses answers `superseded` without
 * touching the target again. The loser may have published a version of its own (the target's `publish` runs before
 * `delivery-started` is recorded); no traffic goes to it.
 */
export async function deliverApprovedHealing(
  recorder: HealingRecorder,
  deps: ApprovedDeliveryDeps,
): Promise<ApprovedDeliveryOutcome> {
  const ready = readiness(recorder);
  if (ready) return { outcome: 'not-ready', why: ready };
  try {
    const admission = await admitDelivery(recorder, {
      control: deps.control,
      policy: deps.limits,
      ...(deps.now ? { now: deps.now } : {}),
    });
    if (!admission.admitted) {
      return { outcome: 'held', limit: admission.limit, detail: admission.detail, from: null, to: null };
    }
    return await deliverProgressively(recorder, progressiveDepsOf(deps));
  } catch (error) {
    if (isLostRace(error)) return { outcome: 'superseded', why: (error as Error).message };
    throw error;
  }
}

/**
 * What the progressive steps run with, for a delivery that starts here and for one a person resumes
 * (deliverySweep.ts): the kill switch and the caller's shutdown asked before every step and at every poll.
 */
export function progressiveDepsOf(deps: ApprovedDeliveryDeps): ProgressiveDeps {
  return {
    target: deps.target,
    observation: deps.observation,
    mayContinue: stopOrKillSwitch(deps),
    policy: deps.policy,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  };
}

/**
 * The kill switch (core/limits), and the caller shutting down: a canary whose controller is gone would run with
 * nobody judging it, so a stopping process holds its deliveries (progressiveDelivery.ts rolls them back).
 */
function stopOrKillSwitch(deps: ApprovedDeliveryDeps): MayContinue {
  const killSwitch = killSwitchGate({ control: deps.control });
  return async () =>
    deps.stopping?.()
      ? { admitted: false, limit: 'orchestrator-stopping', detail: 'the orchestrator is shutting down' }
      : killSwitch();
}

/** Why the healing cannot be delivered now; null when it can. */
function readiness(recorder: HealingRecorder): string | null {
  if (recorder.state !== 'awaiting-approval') return `healing is ${recorder.state ?? 'new'}, not awaiting-approval`;
  const approval = approvalStatus(recorder.events);
  if (approval.rejected) return 'rejected';
  if (!approval.approved) return `${approval.approvals.length} of ${Math.max(1, approval.required)} approval(s) given`;
  return null;
}

export type VerificationSweepOutcome = VerificationOutcome | { outcome: 'superseded'; why: string };

/**
 * One look at a delivered healing (core/deliver/verification.ts checkVerification): `verified` after a silent window,
 * `ineffective` (rolled back, escalated) when the fingerprint recurred, otherwise pending. A concurrent looker that
 * recorded first makes this one answer `superseded`; `ineffective` is recorded before the rollback, so only the
 * winner of that append touches the target.
 */
export async function verifyDeliveredHealing(
  recorder: HealingRecorder,
  deps: VerificationDeps,
): Promise<VerificationSweepOutcome> {
  try {
    return await checkVerification(recorder, deps);
  } catch (error) {
    if (isLostRace(error)) return { outcome: 'superseded', why: (error as Error).message };
    throw error;
  }
}

/**
 * An append another writer won: the store refused our sequence number twice (ConcurrentAppendError), or after
 * reloading the event is no longer legal (IllegalTransitionError: the healing moved on).
 */
export function isLostRace(error: unknown): boolean {
  return error instanceof ConcurrentAppendError || error instanceof IllegalTransitionError;
}
