import { approvalStatus } from '../approve/approvalStatus.ts';
import type { ApprovalStatus } from '../approve/approvalTypes.ts';
import { candidatesOf, detectedEvent, resultsOf, winnerOf } from '../heal/healingStages.ts';
import type { Candidate } from '../patch/candidate.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { ErrorEvent } from '../schema/errorEvent.ts';
import type { CandidateResult } from '../validate/ladder.ts';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { HealingState } from '../workflow/healingStates.ts';
import type { OccurrenceRecord } from '../workflow/healingStore.ts';
import type { HealingEvent } from '../workflow/healingWorkflow.ts';

/** Everything an operator sees about one healing, derived from its events (and its fingerprint's occurrences). */
export interface HealingView {
  id: string;
  state: HealingState;
  fingerprint: string;
  service: string;
  /** The analysis' category once analyzed, the detected event's before. */
  category: string;
  environment: string | null;
  /** Times of the first and the last event (ISO-8601). */
  createdAt: string;
  updatedAt: string;
  event: ErrorEvent;
  analysis: Analysis | null;
  candidates: Candidate[];
  results: CandidateResult[];
  /** Id of the candidate that passed validation, once validated. */
  winner: string | null;
  /** The winner's unified diff (core/patch/makeCandidate.ts wrote it into the candidate). */
  diff: string | null;
  approval: ApprovalStatus;
  occurrences: OccurrenceRecord | null;
  events: HealingEvent[];
}

/** The view of the healing `recorder` opened; the recorder has checked every transition of its events. */
export function healingViewOf(recorder: HealingRecorder, occurrences: OccurrenceRecord | null): HealingView {
  const events = [...recorder.events];
  const event = detectedEvent(recorder);
  const analysis = (events.find((e) => e.type === 'analyzed')?.data['analysis'] as Analysis | undefined) ?? null;
  const winner = winnerOf(recorder);
  const first = events[0];
  const last = events.at(-1);
  if (!first || !last || recorder.state === null) throw new Error(`healing ${recorder.id} has no events`);
  return {
    id: recorder.id,
    state: recorder.state,
    fingerprint: event.fingerprint,
    service: event.service,
    category: analysis?.category ?? event.category,
    environment: event.environment || null,
    createdAt: first.at,
    updatedAt: last.at,
    event,
    analysis,
    candidates: candidatesOf(recorder),
    results: [...resultsOf(recorder).values()],
    winner: winner?.id ?? null,
    diff: winner?.diff ?? null,
    approval: approvalStatus(events),
    occurrences,
    events,
  };
}
