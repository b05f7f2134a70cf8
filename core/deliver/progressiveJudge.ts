import type { ProgressivePolicy } from './progressivePlan.ts';

export type StepOutcome = 'successful' | 'failed' | 'inconclusive';

/** What was seen between a step's start and its judgement. */
export interface StepEvidence {
  /** Occurrences of the healed fingerprint since the step began. */
  healedOccurrences: number;
  /** Fingerprints of the service first seen since the step began. */
  newFingerprints: string[];
  /** Known fingerprints of the service (not the healed one) seen again since the step began. */
  otherFingerprints: string[];
  /** The platform's own verdict on the new version (ECS circuit breaker); null when it has none. */
  rolloutFailure: string | null;
  /** Why the evidence could not be read at judgement time (the store unreachable); null when it was read. */
  unreadable: string | null;
}

export interface StepJudgement {
  outcome: StepOutcome;
  why: string;
}

/**
 * The judgement of one step. Evidence of harm wins over everything, since rolling back only returns to the version
 * that served before:
 *   failed        the healed fingerprint occurred since the step began (the fix does not hold), or a fingerprint of
 *                 the same service never seen before appeared (the fix broke something else), or the platform failed
 *                 the rollout;
 *   inconclusive  the evidence could not be read (silence from an unreachable store proves nothing), or, with
 *                 `otherErrors: 'pause'`, known errors of the service occurred: the new version may or may not cause
 *                 them, and traffic is not attributed to versions, so a person decides;
 *   successful    none of the above.
 * Traffic is not counted (the ingest stream carries errors, not requests): the bake time is what stands for
 * "enough traffic", and it is configuration. Occurrences are per fingerprint, not per version, so during a canary an
 * occurrence from the previous version counts too: the rule errs towards rolling back.
 */
export function judgeStep(evidence: StepEvidence, policy: Pick<ProgressivePolicy, 'otherErrors'>): StepJudgement {
  if (evidence.healedOccurrences > 0) {
    return {
      outcome: 'failed',
      why: `the healed error occurred ${evidence.healedOccurrences} time(s) during the step`,
    };
  }
  if (evidence.newFingerprints.length > 0) {
    return { outcome: 'failed', why: `${evidence.newFingerprints.length} new error(s) from the service appeared` };
  }
  if (evidence.rolloutFailure)
    return { outcome: 'failed', why: `the platform failed the rollout: ${evidence.rolloutFailure}` };
  if (evidence.unreadable)
    return { outcome: 'inconclusive', why: `the evidence could not be read: ${evidence.unreadable}` };
  if (evidence.otherFingerprints.length > 0 && policy.otherErrors === 'pause') {
    return {
      outcome: 'inconclusive',
      why: `${evidence.otherFingerprints.length} other known error(s) of the service occurred during the step`,
    };
  }
  return { outcome: 'successful', why: 'no occurrence of the healed error and no new error during the step' };
}

/** Evidence gathered over several reads: harm seen once stays seen, even if a later read fails. */
export function mergeEvidence(before: StepEvidence | null, read: StepEvidence): StepEvidence {
  if (!before) return read;
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
  return {
    healedOccurrences: Math.max(before.healedOccurrences, read.healedOccurrences),
    newFingerprints: union(before.newFingerprints, read.newFingerprints),
    otherFingerprints: union(before.otherFingerprints, read.otherFingerprints),
    rolloutFailure: read.rolloutFailure ?? before.rolloutFailure,
    unreadable: read.unreadable,
  };
}
