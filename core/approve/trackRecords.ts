import type { TrackOutcome, TrackRecord } from './approvalTypes.ts';

export type TrackField = 'accepted' | 'rejected' | 'rolledBack' | 'verified';

const FIELD: Record<TrackOutcome, TrackField> = {
  accepted: 'accepted',
  rejected: 'rejected',
  'rolled-back': 'rolledBack',
  verified: 'verified',
};

/** The counter a track outcome increments (stores name their columns/attributes after these). */
export function trackField(outcome: TrackOutcome): TrackField {
  return FIELD[outcome];
}

/** The record of a rule never seen. */
export function emptyTrackRecord(ruleId: string): TrackRecord {
  return { ruleId, accepted: 0, rejected: 0, rolledBack: 0, verified: 0 };
}
