import { approvalStatus, recordedRisk } from '../approve/approvalStatus.ts';
import type { ApprovalStatus, RiskAssessment } from '../approve/approvalTypes.ts';
import type { GateOutcome } from '../deliver/deliverApproved.ts';
import type { DeliveryResult } from '../deliver/deliverer.ts';
import type { Candidate, FixTarget } from '../patch/candidate.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { Frame } from '../schema/errorEvent.ts';
import type { StepResult } from '../validate/ladder.ts';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { HealingState } from '../workflow/healingStates.ts';
import { candidatesOf, locationOf, resultsOf } from './healingStages.ts';
import type { EventGroup } from './logScan.ts';

/** What `heal` reports: the CLI prints it, `--json` emits it as is. */
export interface HealOutcome {
  /** `healed` when a validated patch exists (and, when delivery was asked for, it was delivered). */
  status: 'healed' | 'not-healed';
  healingId: string;
  state: HealingState | null;
  reason: string;
  fingerprint: string;
  occurrences: number;
  category: string;
  errorType: string;
  message: string;
  language: string;
  rule: { id: string | null; rootCause: string; specificity: number };
  target: FixTarget | null;
  sourceFrames: Frame[];
  patch: { candidateId: string; strategy: string; description: string; diff: string; files: string[] } | null;
  candidates: {
    id: string;
    strategy: string;
    description: string;
    diffSize: number;
    passed: boolean;
    failedStep: string | null;
    durationMs: number;
    steps: StepResult[];
    diff: string;
  }[];
  delivered: DeliveryResult[];
  /** The validated patch's risk (core/approve), null before validation succeeded. */
  risk: RiskAssessment | null;
  approval: ApprovalStatus;
  /** What the delivery gate did, when delivery was asked for: delivered, waiting for approvals, held by a limit. */
  delivery: { kind: GateOutcome['kind']; detail: string } | null;
  otherErrors: { fingerprint: string; errorType: string; message: string; count: number }[];
}

export function outcomeOf(
  recorder: HealingRecorder,
  group: EventGroup,
  groups: readonly EventGroup[],
  winner: Candidate | null,
  gate: GateOutcome | null,
): HealOutcome {
  const delivered = gate?.kind === 'delivered' ? gate.results : [];
  const { event } = group.sample;
  const analyzed = recorder.events.find((e) => e.type === 'analyzed');
  const analysis = (analyzed?.data['analysis'] as Analysis | undefined) ?? group.sample.analysis;
  const candidates = candidatesOf(recorder);
  const results = resultsOf(recorder);
  const location = locationOf(recorder);
  const last = recorder.events[recorder.events.length - 1];
  return {
    status: winner ? 'healed' : 'not-healed',
    healingId: recorder.id,
    state: recorder.state,
    reason: last?.reason ?? '',
    fingerprint: group.fingerprint,
    occurrences: group.count,
    category: analysis.category,
    errorType: event.errorType,
    message: event.message,
    language: event.language,
    rule: { id: analysis.ruleId, rootCause: analysis.rootCause, specificity: analysis.specificity },
    target: location.target,
    sourceFrames: location.sourceFrames,
    patch: winner
      ? {
          candidateId: winner.id,
          strategy: winner.strategy,
          description: winner.description,
          diff: winner.diff,
          files: winner.edits.map((e) => e.path),
        }
      : null,
    candidates: candidates.map((c) => {
      const r = results.get(c.id);
      return {
        id: c.id,
        strategy: c.strategy,
        description: c.description,
        diffSize: c.diffSize,
        passed: r?.passed ?? false,
        failedStep: r?.failedStep ?? null,
        durationMs: r?.durationMs ?? 0,
        steps: r?.steps ?? [],
        diff: c.diff,
      };
    }),
    delivered,
    risk: recordedRisk(recorder.events),
    approval: approvalStatus(recorder.events),
    delivery: gate ? { kind: gate.kind, detail: gateDetail(gate) } : null,
    otherErrors: groups
      .filter((g) => g !== group)
      .map((g) => ({
        fingerprint: g.fingerprint,
        errorType: g.sample.event.errorType,
        message: g.sample.event.message,
        count: g.count,
      })),
  };
}

function gateDetail(gate: GateOutcome): string {
  switch (gate.kind) {
    case 'delivered':
      return gate.results.map((r) => r.detail).join('; ');
    case 'held':
      return gate.detail;
    case 'rejected':
      return 'the patch was rejected';
    case 'waiting': {
      const given = gate.approval.approvals.filter((a) => a.actor !== 'homeostasis').length;
      return `${given} of ${gate.approval.required} approval(s) given`;
    }
  }
}
