import type { ProgressivePolicy } from './progressivePlan.ts';
import { poissonQuantile } from './progressivePoisson.ts';
import type { Baseline } from './progressivePorts.ts';

export type StepOutcome = 'successful' | 'failed' | 'inconclusive';

/** What was seen between a step's start and its judgement. */
export interface StepEvidence {
  /** Occurrences of the healed fingerprint counted in the step (at 100 %: after the grace period). */
  healedOccurrences: number;
  /** How long `healedOccurrences` were counted over (ms): the step so far, less the grace period at 100 %. */
  observedMs: number;
  /** Fingerprints of the service first seen since the step began. */
  newFingerprints: string[];
  /** Known fingerprints of the service (not the healed one) seen again since the step began. */
  otherFingerprints: string[];
  /** The platform's own verdict on the new version (ECS circuit breaker); null when it has none. */
  rolloutFailure: string | null;
  /** Why the evidence could not be read at judgement time (the store unreachable); null when it was read. */
  unreadable: string | null;
}

/** Where the step stands: its share of traffic on the patched version, and the rate before the delivery. */
export interface StepContext {
  /** Percent (1-100) of the traffic on the patched version. */
  weight: number;
  /** The healed fingerprint's occurrences before the first shift; null when none could be read. */
  baseline: Baseline | null;
}

/** The figures behind the healed error's verdict at a canary step (recorded with the step). */
export interface HealedFigures {
  /** Occurrences the old version alone explains: rate × (1 − w) × observed time. */
  expectedFromOld: number;
  /** The most occurrences the old version explains: the 99.9 % quantile of Poisson(expectedFromOld). */
  bound: number;
  /** Occurrences the patched share would add if the fix did nothing: rate × w × observed time. */
  expectedFromPatched: number;
}

export interface StepJudgement {
  outcome: StepOutcome;
  why: string;
  /** Present at a step below 100 %. */
  healed?: HealedFigures;
}

/** A count above the 99.9 % quantile of what the old version explains fails the step. */
export const CANARY_QUANTILE = 0.999;
/** Below one expected occurrence from the patched share, silence says nothing about the fix. */
export const MIN_EXPECTED_FROM_PATCHED = 1;

/**
 * The figures for the healed error at a canary step. Occurrences are counted per fingerprint, not per version, so
 * during a step at weight w the old version still produces rate·(1−w)·t of them with the fix working perfectly.
 * A missing baseline counts as a rate of 0: then nothing is explained, and every occurrence counts against the fix.
 */
export function healedFigures(observedMs: number, context: StepContext): HealedFigures {
  const { baseline } = context;
  const ratePerMs = baseline && baseline.spanMs > 0 ? baseline.occurrences / baseline.spanMs : 0;
  const share = Math.min(100, Math.max(0, context.weight)) / 100;
  const expectedFromOld = ratePerMs * (1 - share) * Math.max(0, observedMs);
  return {
    expectedFromOld,
    bound: poissonQuantile(expectedFromOld, CANARY_QUANTILE),
    expectedFromPatched: ratePerMs * share * Math.max(0, observedMs),
  };
}

/**
 * The judgement of one step. Evidence of harm wins over everything, since rolling back only returns to the version
 * that served before:
 *   failed        the healed error occurred more often than the old version explains (below), or a fingerprint of
 *                 the same service never seen before appeared (the fix broke something else), or the platform
 *                 failed the rollout;
 *   inconclusive  the evidence could not be read (silence from an unreachable store proves nothing); or, with
 *                 `otherErrors: 'pause'`, known errors of the service occurred (traffic is not attributed to
 *                 versions, so a person decides); or, below 100 %, the baseline is too thin to judge the fix;
 *   successful    none of the above.
 *
 * The healed error. Before the first shift the controller reads the fingerprint's rate r (occurrences per ms over
 * `baselineMs`, one hour by default) while all traffic was on the old version. During a step at weight w, watched
 * for t, the old version alone explains Poisson(λ = r·(1−w)·t) occurrences:
 *   - more than the 99.9 % quantile of that Poisson → failed (the patched share adds occurrences of its own);
 *   - otherwise, when the patched share would have produced r·w·t < 1 occurrence had the fix done nothing (no
 *     baseline, or too little traffic or time) → inconclusive: its silence proves nothing, a person decides;
 *   - otherwise → successful.
 * At 100 % the old version serves nothing, so any occurrence after the grace period (`graceMs`, 30 s: requests the
 * old version was still serving, events still in the ingest path) fails the step, as without a canary.
 *
 * Numbers, with the default 10 % → 50 % five-minute steps. An error at 2 a minute: at 10 %, λ = 9 and the bound is
 * 20 (the patched share alone would add 1); at 50 %, λ = 5 and the bound 13. An error at 10 a minute: bounds 67
 * (λ = 45) and 42 (λ = 25). A step whose fix does nothing sees ~r·t (10, or 50): above the bound at 50 % for
 * 10 a minute (86 % of the time), rarely at 10 % (under 1 %) or for 2 a minute (14 % at 50 %): the canary catches
 * a fix that makes things worse, and the 100 % step and the verification window (verification.ts), where every
 * recurrence counts, catch a fix that changes nothing. Each poll of a bake judges the count so far and a failure
 * ends the bake early; with the 21 polls of a five-minute step at 15 s, a working fix is rolled back by chance at
 * most 21 × 0.1 % = 2.1 % of the time (a union bound; the polls share most of their counts, so far less in fact).
 * An error below 2 a minute cannot be judged at 10 % in five minutes (r·w·t < 1), nor one below 0.4 a minute at
 * 50 %: such a step pauses for a person. Longer bakes are configuration.
 */
export function judgeStep(
  evidence: StepEvidence,
  policy: Pick<ProgressivePolicy, 'otherErrors'>,
  context: StepContext,
): StepJudgement {
  const canary = context.weight < 100;
  const healed = canary ? healedFigures(evidence.observedMs, context) : undefined;
  const judged = (outcome: StepOutcome, why: string): StepJudgement =>
    healed ? { outcome, why, healed } : { outcome, why };
  const n = evidence.healedOccurrences;
  if (healed && n > healed.bound) {
    return judged(
      'failed',
      `the healed error occurred ${n} time(s) during the step, more than the ${healed.bound} the old version's ` +
        `${100 - context.weight} % explains (expected ${round(healed.expectedFromOld)})`,
    );
  }
  if (!healed && n > 0) return judged('failed', `the healed error occurred ${n} time(s) during the step`);
  if (evidence.newFingerprints.length > 0) {
    return judged('failed', `${evidence.newFingerprints.length} new error(s) from the service appeared`);
  }
  if (evidence.rolloutFailure) return judged('failed', `the platform failed the rollout: ${evidence.rolloutFailure}`);
  if (evidence.unreadable) return judged('inconclusive', `the evidence could not be read: ${evidence.unreadable}`);
  if (evidence.otherFingerprints.length > 0 && policy.otherErrors === 'pause') {
    return judged(
      'inconclusive',
      `${evidence.otherFingerprints.length} other known error(s) of the service occurred during the step`,
    );
  }
  // 1e-9: a rate × time that is 1 on paper (2 a minute, 10 %, 5 min) is not let down by rounding.
  if (healed && healed.expectedFromPatched < MIN_EXPECTED_FROM_PATCHED - 1e-9) {
    const baseline = context.baseline
      ? `${context.baseline.occurrences} occurrence(s) in the ${Math.round(context.baseline.spanMs / 60_000)} min before`
      : 'no baseline';
    return judged(
      'inconclusive',
      `too little evidence to judge the fix: ${baseline}, so the patched ${context.weight} % would show ` +
        `${round(healed.expectedFromPatched)} occurrence(s) even if the fix did nothing`,
    );
  }
  if (healed) {
    return judged(
      'successful',
      `the healed error occurred ${n} time(s), within the ${healed.bound} the old version's ` +
        `${100 - context.weight} % explains; no new error`,
    );
  }
  return judged('successful', 'no occurrence of the healed error and no new error during the step');
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Evidence gathered over several reads: harm seen once stays seen, even if a later read fails. */
export function mergeEvidence(before: StepEvidence | null, read: StepEvidence): StepEvidence {
  if (!before) return read;
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
  return {
    healedOccurrences: Math.max(before.healedOccurrences, read.healedOccurrences),
    // The count and the time it covers go together: a failed read keeps both from the read before.
    observedMs: read.unreadable ? before.observedMs : read.observedMs,
    newFingerprints: union(before.newFingerprints, read.newFingerprints),
    otherFingerprints: union(before.otherFingerprints, read.otherFingerprints),
    rolloutFailure: read.rolloutFailure ?? before.rolloutFailure,
    unreadable: read.unreadable,
  };
}
