import { approvalStatus } from '../approve/approvalStatus.ts';
import type { ApprovalStatus } from '../approve/approvalTypes.ts';
import type { LimitName } from '../limits/admission.ts';
import { admitDelivery } from '../limits/admitDelivery.ts';
import type { ControlStore } from '../limits/controlStore.ts';
import type { LimitPolicy } from '../limits/limitPolicy.ts';
import type { Candidate } from '../patch/candidate.ts';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { Deliverer, DeliveryResult } from './deliverer.ts';

/** What became of a validated patch at the delivery gate. */
export type GateOutcome =
  /** The tier wants more (or any) human approvals: nothing was delivered. */
  | { kind: 'waiting'; approval: ApprovalStatus }
  /** Approved, but a limit or the kill switch held it (recorded as `delivery-held`). */
  | { kind: 'held'; approval: ApprovalStatus; limit: LimitName; detail: string }
  | { kind: 'rejected'; approval: ApprovalStatus }
  | { kind: 'delivered'; approval: ApprovalStatus; results: DeliveryResult[] };

export interface GateDeps {
  control: ControlStore;
  limits: LimitPolicy;
  now?: () => Date;
}

export interface GateRequest {
  repoRoot: string;
  fingerprint: string;
  winner: Candidate;
  /** Commit message / change description (core/heal/commitSummary.ts). */
  summary: string;
  /** Who delivers: the reviewer who gave the last approval, or `homeostasis` for an auto tier. */
  actor: string;
}

/**
 * The one gate every delivery passes, whoever asks (the heal loop right after validation, a reviewer's approval, the
 * orchestrator): enough approvals for the patch's risk tier (core/approve), then the kill switch and the hour's
 * deployment budget (core/limits), then the deliverers in order; `delivered` records what each did.
 */
export async function deliverThroughGate(
  recorder: HealingRecorder,
  deliverers: readonly Deliverer[],
  request: GateRequest,
  deps: GateDeps,
): Promise<GateOutcome> {
  const approval = approvalStatus(recorder.events);
  if (approval.rejected) return { kind: 'rejected', approval };
  if (!approval.approved || recorder.state !== 'awaiting-approval') return { kind: 'waiting', approval };
  const admission = await admitDelivery(recorder, {
    control: deps.control,
    policy: deps.limits,
    ...(deps.now ? { now: deps.now } : {}),
  });
  if (!admission.admitted) return { kind: 'held', approval, limit: admission.limit, detail: admission.detail };
  const results: DeliveryResult[] = [];
  for (const deliverer of deliverers) {
    results.push(
      await deliverer.deliver({
        repoRoot: request.repoRoot,
        healingId: recorder.id,
        fingerprint: request.fingerprint,
        candidate: request.winner,
        summary: request.summary,
      }),
    );
  }
  await recorder.record('delivered', results.map((d) => d.detail).join('; '), { delivered: results }, request.actor);
  return { kind: 'delivered', approval, results };
}
