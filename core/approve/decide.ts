import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import { approvalRoles, approvalStatus, SECURITY_ROLE } from './approvalStatus.ts';
import {
  type ApprovalStatus,
  type Decision,
  DecisionError,
  type TrackOutcome,
  TrackRecordError,
  type TrackRecordStore,
} from './approvalTypes.ts';
import { ruleIdOf } from './healingFacts.ts';

/** The actor of automatic steps; a person may not decide under this name (it would pass for an auto-approval). */
export const SYSTEM_ACTOR = 'homeostasis';

/**
 * A person's decision on a healing awaiting approval, recorded as an audit event (actor, time, reason).
 * approve: one `approved` event per distinct actor; in a `security-review` tier the approval that would complete
 * the count must come from an actor with the `security` role. reject: records `rejected` and notes the rejection
 * (with its reason) in the rule's track record. An approval that completes the tier notes `accepted`.
 */
export async function decide(
  recorder: HealingRecorder,
  decision: Decision,
  deps: { trackRecords: TrackRecordStore },
): Promise<ApprovalStatus> {
  const actor = decision.actor.trim();
  const reason = decision.reason.trim();
  const roles = [...new Set(decision.roles ?? [])];
  if (actor === '' || actor === SYSTEM_ACTOR) {
    throw new DecisionError('reserved-actor', `'${actor}' cannot decide: decisions need a named person or key`);
  }
  if (recorder.state !== 'awaiting-approval') {
    throw new DecisionError(
      'not-awaiting-approval',
      `healing ${recorder.id} is ${recorder.state ?? 'unknown'}, not awaiting approval`,
    );
  }
  const before = approvalStatus(recorder.events);
  const ruleId = ruleIdOf(recorder.events);

  if (decision.decision === 'reject') {
    if (reason === '')
      throw new DecisionError('reason-required', 'a rejection needs a reason (it feeds the track record)');
    const event = await recorder.record('rejected', reason, { roles }, actor);
    await noteOutcome(deps.trackRecords, ruleId, 'rejected', { healingId: recorder.id, reason, at: event.at });
    return approvalStatus(recorder.events);
  }

  if (before.approvals.some((a) => a.actor === actor)) {
    throw new DecisionError('already-approved', `${actor} already approved healing ${recorder.id}`);
  }
  if (before.tier === 'security-review' && !roles.includes(SECURITY_ROLE) && !before.approved) {
    const securityApproved = recorder.events.some(
      (e) => e.type === 'approved' && approvalRoles(e).includes(SECURITY_ROLE),
    );
    if (!securityApproved && before.approvals.length + 1 >= before.required) {
      throw new DecisionError(
        'security-role-required',
        `healing ${recorder.id} needs a security review: the remaining approval must come from the '${SECURITY_ROLE}' role`,
      );
    }
  }
  await recorder.record('approved', reason === '' ? `approved by ${actor}` : reason, { roles }, actor);
  const after = approvalStatus(recorder.events);
  if (!before.approved && after.approved) await noteOutcome(deps.trackRecords, ruleId, 'accepted');
  return after;
}

async function noteOutcome(
  store: TrackRecordStore,
  ruleId: string | null,
  outcome: TrackOutcome,
  context?: { healingId: string; reason: string; at: string },
): Promise<void> {
  if (ruleId === null) return; // no rule matched: there is no track record to keep
  try {
    await store.note(ruleId, outcome, context);
  } catch (error) {
    throw new TrackRecordError(`decision recorded, but rule ${ruleId}'s track record was not updated`, {
      cause: error,
    });
  }
}
