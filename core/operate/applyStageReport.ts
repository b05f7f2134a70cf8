import { isDeepStrictEqual } from 'node:util';
import {
  candidatesOf,
  recordCandidateResult,
  resultsOf,
  startValidation,
  type ValidationPlan,
} from '../heal/healingStages.ts';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import { HealingConflictError, InvalidReportError } from './operateErrors.ts';
import { OUTCOME_STAGE, type StageOutcome, type StageReport } from './stageReport.ts';

/** A reporting worker ran its own ladder: its commands are in each result's steps, not known up front. */
const REPORTED_PLAN: ValidationPlan = { testCommand: null, typecheckCommand: null, reproduceCommand: null };

/**
 * Applies one stage report through the same core functions the embedded loop and the Lambda stages use
 * (core/heal/healingStages.ts), so a worker outside Lambda moves a healing exactly as they would. A report whose
 * work is already recorded identically is a no-op (a retry after a lost answer); one that contradicts what is
 * recorded, or comes in a state that does not take it, is a HealingConflictError.
 */
export async function applyStageReport(recorder: HealingRecorder, report: StageReport): Promise<void> {
  const { outcome } = report;
  if (outcome.kind !== 'failure' && OUTCOME_STAGE[outcome.kind] !== report.stage) {
    throw new InvalidReportError(
      `a ${outcome.kind} report comes from the ${OUTCOME_STAGE[outcome.kind]} stage, not ${report.stage}`,
    );
  }
  switch (outcome.kind) {
    case 'analysis':
      return applyAnalysis(recorder, outcome);
    case 'candidates':
      return applyCandidates(recorder, outcome);
    case 'candidate-result':
      return applyCandidateResult(recorder, outcome);
    case 'failure':
      return applyFailure(recorder, report.stage, outcome.reason);
  }
}

type Outcome<K extends StageOutcome['kind']> = Extract<StageOutcome, { kind: K }>;

/** As recordAnalysis, with the analysis computed by the reporter instead of the local rule index. */
async function applyAnalysis(recorder: HealingRecorder, { analysis }: Outcome<'analysis'>): Promise<void> {
  if (recorder.state === 'detected') {
    await recorder.record('analyzed', analysis.ruleId ? `matched rule ${analysis.ruleId}` : 'no rule matched', {
      analysis,
    });
    return;
  }
  const recorded = recorder.events.find((e) => e.type === 'analyzed')?.data['analysis'];
  if (recorded !== undefined && isDeepStrictEqual(recorded, analysis)) return;
  throw conflict(
    recorder,
    'an analysis',
    recorded === undefined ? 'detected' : 'detected (a different analysis is recorded)',
  );
}

/** As generateStage: `candidates-generated` with where the fix goes, or `no-fix` when the list is empty. */
async function applyCandidates(recorder: HealingRecorder, outcome: Outcome<'candidates'>): Promise<void> {
  const located = { sourceFrames: outcome.sourceFrames, target: outcome.target };
  if (recorder.state === 'analyzed') {
    if (outcome.candidates.length === 0) {
      await recorder.record('no-fix', 'the patch stage found no candidate', located);
    } else {
      const candidates = outcome.candidates;
      await recorder.record('candidates-generated', `${candidates.length} candidate(s)`, { ...located, candidates });
    }
    return;
  }
  const recorded = recorder.events.some((e) => e.type === 'candidates-generated' || e.type === 'no-fix');
  if (recorded && isDeepStrictEqual(candidatesOf(recorder), outcome.candidates)) return;
  throw conflict(recorder, 'candidates', 'analyzed');
}

/**
 * As validateCandidate's recording: the first result opens the validation (a worker validates as soon as it has
 * the candidates), the last one concludes it through recordCandidateResult.
 */
async function applyCandidateResult(recorder: HealingRecorder, { result }: Outcome<'candidate-result'>): Promise<void> {
  if (!candidatesOf(recorder).some((c) => c.id === result.candidateId)) {
    if (recorder.state === 'detected' || recorder.state === 'analyzed')
      throw conflict(recorder, 'a candidate result', 'validating');
    throw new InvalidReportError(`healing ${recorder.id} has no candidate ${result.candidateId}`);
  }
  const known = resultsOf(recorder).get(result.candidateId);
  if (known !== undefined) {
    if (!isDeepStrictEqual(known, result)) {
      throw new HealingConflictError(
        `candidate ${result.candidateId} of healing ${recorder.id} already has another result`,
      );
    }
    return recordCandidateResult(recorder, result); // concludes a validation left open by a crash
  }
  if (recorder.state === 'candidates-generated') await startValidation(recorder, REPORTED_PLAN);
  if (recorder.state !== 'validating') throw conflict(recorder, 'a candidate result', 'validating');
  await recordCandidateResult(recorder, result);
}

/**
 * A stage that could not do its work ends the healing where the workflow has an end for it (patch: `no-fix`,
 * validate: `validation-failed`). Analyze and deliver have none: their failures are escalated to a person and the
 * state stays, so a retry or core/deliver's own rollback decides what happens next.
 */
async function applyFailure(recorder: HealingRecorder, stage: StageReport['stage'], reason: string): Promise<void> {
  const data = { stage, failure: reason };
  const state = recorder.state;
  switch (stage) {
    case 'analyze':
      if (state !== 'detected') throw conflict(recorder, 'an analyze failure', 'detected');
      await recorder.record('escalated', `the analyze stage failed: ${reason}`, data);
      return;
    case 'patch':
      if (state !== 'analyzed' && state !== 'candidates-generated')
        throw conflict(recorder, 'a patch failure', 'analyzed');
      await recorder.record('no-fix', `the patch stage failed: ${reason}`, data);
      return;
    case 'validate':
      if (state === 'candidates-generated') await startValidation(recorder, REPORTED_PLAN);
      if (recorder.state !== 'validating') throw conflict(recorder, 'a validate failure', 'validating');
      await recorder.record('validation-failed', `the validate stage failed: ${reason}`, data);
      return;
    case 'deliver':
      if (
        state !== 'awaiting-approval' &&
        state !== 'delivering' &&
        state !== 'delivery-paused' &&
        state !== 'delivered'
      ) {
        throw conflict(recorder, 'a deliver failure', 'awaiting-approval, delivering or delivered');
      }
      await recorder.record('escalated', `the deliver stage failed: ${reason}`, data);
      return;
  }
}

function conflict(recorder: HealingRecorder, what: string, expected: string): HealingConflictError {
  return new HealingConflictError(
    `healing ${recorder.id} is ${recorder.state ?? '(new)'}: ${what} is taken in state ${expected} only`,
  );
}
