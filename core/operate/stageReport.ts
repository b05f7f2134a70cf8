import type { Candidate, FixTarget } from '../patch/candidate.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { Frame } from '../schema/errorEvent.ts';
import type { CandidateResult } from '../validate/ladder.ts';

/** The stages a worker outside Lambda may report for (proto ReportStageResultRequest.stage). */
export const REPORTING_STAGES = ['analyze', 'patch', 'validate', 'deliver'] as const;
export type ReportingStage = (typeof REPORTING_STAGES)[number];

/** What a stage did: exactly one of these, as in the proto's `oneof result`. */
export type StageOutcome =
  | { kind: 'analysis'; analysis: Analysis }
  /** An empty list means no fixer applied (`no-fix`). Where the fix goes, as generateStage records it. */
  | { kind: 'candidates'; candidates: Candidate[]; sourceFrames: Frame[]; target: FixTarget | null }
  | { kind: 'candidate-result'; result: CandidateResult }
  /** The stage could not do its work; `reason` is one sentence for the timeline. */
  | { kind: 'failure'; reason: string };

/** One stage's result for one healing. Already parsed: transports decode and check it at their edge. */
export interface StageReport {
  healingId: string;
  /** Idempotency key chosen by the reporter: a report with a key seen before changes nothing. */
  reportId: string;
  stage: ReportingStage;
  outcome: StageOutcome;
}

/** The stage each kind of outcome belongs to (a failure may come from any stage). */
export const OUTCOME_STAGE: Readonly<Record<Exclude<StageOutcome['kind'], 'failure'>, ReportingStage>> = {
  analysis: 'analyze',
  candidates: 'patch',
  'candidate-result': 'validate',
};
