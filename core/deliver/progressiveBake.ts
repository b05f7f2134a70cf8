import type { HealingMeta } from '../workflow/healingRecorder.ts';
import { mergeEvidence, type StepEvidence, type StepJudgement } from './progressiveJudge.ts';
import type { ContinueDecision, DeliveryTarget, MayContinue, Observation } from './progressivePorts.ts';

export interface BakeDeps {
  target: DeliveryTarget;
  observation: Observation;
  mayContinue: MayContinue;
  pollMs: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/** The step being baked: when it began, how long it bakes, and from when the healed error counts against it. */
export interface BakeWindow {
  since: Date;
  bakeMs: number;
  /** When the grace period ends: `since` at a canary step (none), `since` + `graceMs` at 100 %. */
  graceUntil: Date;
}

/** How a bake ended: judged on its evidence, or stopped by a limit before the end. */
export type BakeResult =
  | { kind: 'judged'; evidence: StepEvidence; judgement: StepJudgement }
  | { kind: 'held'; decision: Extract<ContinueDecision, { admitted: false }>; evidence: StepEvidence };

/**
 * One read of everything the judge looks at; a failing read is evidence too (`unreadable`). `countFrom` null: the
 * grace period runs, the healed fingerprint is read (the observation counts from its readings, and the count after
 * the grace period starts from this one) but its occurrences are not evidence.
 */
export async function readEvidence(
  meta: HealingMeta,
  since: Date,
  countFrom: Date | null,
  deps: BakeDeps,
): Promise<StepEvidence> {
  const rolloutFailure = deps.target.rolloutFailure ? await deps.target.rolloutFailure().catch(() => null) : null;
  try {
    const [healed, newFingerprints, otherFingerprints] = await Promise.all([
      deps.observation.occurrencesSince(meta.fingerprint, countFrom ?? since),
      deps.observation.newFingerprintsSince(meta.service, since),
      deps.observation.otherFingerprintsSince(meta.service, since, meta.fingerprint),
    ]);
    return {
      healedOccurrences: countFrom ? healed : 0,
      observedMs: countFrom ? Math.max(0, deps.now().getTime() - countFrom.getTime()) : 0,
      newFingerprints: newFingerprints.filter((f) => f !== meta.fingerprint),
      otherFingerprints,
      rolloutFailure,
      unreadable: null,
    };
  } catch (error) {
    const unreadable = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      healedOccurrences: 0,
      observedMs: 0,
      newFingerprints: [],
      otherFingerprints: [],
      rolloutFailure,
      unreadable,
    };
  }
}

/**
 * Watches one step for `bakeMs` from `since`: reads the evidence and asks `mayContinue` every `pollMs` (and once
 * when the grace period ends), ends early when the evidence so far already fails the step, and reads once more at
 * the end. The healed error counts from the step's start at a canary step; at 100 %, from the first read at or
 * after the grace period's end (that read's reading is where the count starts).
 */
export async function bake(
  meta: HealingMeta,
  window: BakeWindow,
  judge: (evidence: StepEvidence) => StepJudgement,
  deps: BakeDeps,
): Promise<BakeResult> {
  const end = window.since.getTime() + window.bakeMs;
  const graceEnd = window.graceUntil.getTime();
  let countFrom: Date | null = graceEnd <= window.since.getTime() ? window.since : null;
  let evidence: StepEvidence | null = null;
  for (;;) {
    const before = deps.now().getTime();
    evidence = mergeEvidence(evidence, await readEvidence(meta, window.since, countFrom, deps));
    if (!countFrom && before >= graceEnd) countFrom = deps.now();
    const judgement = judge(evidence);
    const now = deps.now().getTime();
    const left = end - now;
    if (judgement.outcome === 'failed' || left <= 0) return { kind: 'judged', evidence, judgement };
    const decision = await deps.mayContinue();
    if (!decision.admitted) return { kind: 'held', decision, evidence };
    const toGraceEnd = countFrom ? Number.POSITIVE_INFINITY : Math.max(0, graceEnd - now);
    await deps.sleep(Math.min(deps.pollMs, left, toGraceEnd));
  }
}
