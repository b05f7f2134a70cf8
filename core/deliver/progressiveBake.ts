import type { HealingMeta } from '../workflow/healingRecorder.ts';
import { mergeEvidence, type StepEvidence } from './progressiveJudge.ts';
import type { ContinueDecision, DeliveryTarget, MayContinue, Observation } from './progressivePorts.ts';

export interface BakeDeps {
  target: DeliveryTarget;
  observation: Observation;
  mayContinue: MayContinue;
  pollMs: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/** How a bake ended: judged on its evidence, or stopped by a limit before the end. */
export type BakeResult =
  | { kind: 'judged'; evidence: StepEvidence }
  | { kind: 'held'; decision: Extract<ContinueDecision, { admitted: false }>; evidence: StepEvidence };

/** One read of everything the judge looks at; a failing read is evidence too (`unreadable`). */
export async function readEvidence(meta: HealingMeta, since: Date, deps: BakeDeps): Promise<StepEvidence> {
  const rolloutFailure = deps.target.rolloutFailure ? await deps.target.rolloutFailure().catch(() => null) : null;
  try {
    const [healedOccurrences, newFingerprints, otherFingerprints] = await Promise.all([
      deps.observation.occurrencesSince(meta.fingerprint, since),
      deps.observation.newFingerprintsSince(meta.service, since),
      deps.observation.otherFingerprintsSince(meta.service, since, meta.fingerprint),
    ]);
    return {
      healedOccurrences,
      newFingerprints: newFingerprints.filter((f) => f !== meta.fingerprint),
      otherFingerprints,
      rolloutFailure,
      unreadable: null,
    };
  } catch (error) {
    const unreadable = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { healedOccurrences: 0, newFingerprints: [], otherFingerprints: [], rolloutFailure, unreadable };
  }
}

/**
 * Watches one step for `bakeMs` from `since`: reads the evidence and asks `mayContinue` every `pollMs`, ends early
 * on evidence of harm (a failed step does not need the rest of its bake), and reads once more at the end.
 */
export async function bake(meta: HealingMeta, since: Date, bakeMs: number, deps: BakeDeps): Promise<BakeResult> {
  const end = since.getTime() + bakeMs;
  let evidence: StepEvidence | null = null;
  for (;;) {
    evidence = mergeEvidence(evidence, await readEvidence(meta, since, deps));
    const harmed = evidence.healedOccurrences > 0 || evidence.newFingerprints.length > 0 || evidence.rolloutFailure;
    const left = end - deps.now().getTime();
    if (harmed || left <= 0) return { kind: 'judged', evidence };
    const decision = await deps.mayContinue();
    if (!decision.admitted) return { kind: 'held', decision, evidence };
    await deps.sleep(Math.min(deps.pollMs, left));
  }
}
