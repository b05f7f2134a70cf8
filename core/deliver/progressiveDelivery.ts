import { z } from 'zod';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import { type BakeDeps, bake } from './progressiveBake.ts';
import { judgeStep, type StepEvidence, type StepJudgement } from './progressiveJudge.ts';
import { type CanaryStep, CanaryStepSchema, type ProgressivePolicy, stepsFor } from './progressivePlan.ts';
import {
  type Baseline,
  type ContinueDecision,
  DeliveryStateError,
  type DeliveryTarget,
  DeliveryTargetError,
  type MayContinue,
  type Observation,
} from './progressivePorts.ts';

export interface ProgressiveDeps {
  target: DeliveryTarget;
  observation: Observation;
  /** The kill switch (core/limits), asked before every step and at every poll; it answers, this records. */
  mayContinue: MayContinue;
  policy: ProgressivePolicy;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export type DeliveryOutcome =
  | { outcome: 'delivered'; from: string; to: string }
  | { outcome: 'rolled-back'; from: string; to: string; why: string }
  | { outcome: 'paused'; from: string; to: string; weight: number; why: string }
  /** A limit said no: before publishing (nothing changed), or during the canary (then rolled back). */
  | { outcome: 'held'; limit: string; detail: string; from: string | null; to: string | null };

/** `delivery-started` data: what a resumed delivery needs to go on with the same plan. */
export const DeliveryStartedSchema = z.object({
  target: z.string(),
  from: z.string(),
  to: z.string(),
  steps: z.array(CanaryStepSchema).min(1),
  /**
   * The healed fingerprint's occurrences before the first shift (progressiveJudge.ts); null when it could not be
   * read or the target has no canary. Absent in deliveries recorded before it existed: judged as null.
   */
  baseline: z
    .object({ occurrences: z.number().min(0), spanMs: z.number().min(0) })
    .nullable()
    .optional(),
});
export type DeliveryStarted = z.infer<typeof DeliveryStartedSchema>;

const StepRecordSchema = z.object({ weight: z.number() });

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers an approved healing's patch progressively: publishes the patched build, then runs the plan's steps
 * (shift, bake, judge). Successful → next step; failed → rollback to the previous version; inconclusive → the
 * traffic stays where it is and the healing waits for a person (resumeDelivery / rollBackDelivery). Every step is
 * an event. Approval and the per-hour deployment limit are the caller's business (core/approve, core/limits).
 */
export async function deliverProgressively(recorder: HealingRecorder, deps: ProgressiveDeps): Promise<DeliveryOutcome> {
  if (recorder.state !== 'awaiting-approval') {
    throw new DeliveryStateError(`healing ${recorder.id} is ${recorder.state ?? 'new'}, not awaiting-approval`);
  }
  const decision = await deps.mayContinue();
  if (!decision.admitted) {
    await recordHeld(recorder, decision, { from: null, to: null, weight: 0 });
    return { outcome: 'held', limit: decision.limit, detail: decision.detail, from: null, to: null };
  }
  const steps = stepsFor(deps.policy.steps, deps.target.weighted);
  // Read while all traffic is on the old version; a plan that goes straight to 100 % needs none.
  const baseline = steps.some((s) => s.weight < 100) ? await readBaseline(recorder, deps) : null;
  const { from, to } = await deps.target.publish();
  const started: DeliveryStarted = { target: deps.target.name, from, to, steps, baseline };
  const rate = baseline ? `; baseline ${baseline.occurrences} occurrence(s) in ${baseline.spanMs} ms` : '';
  await recorder.record('delivery-started', `published ${to} of ${deps.target.name}; ${from} serves${rate}`, started);
  return runSteps(recorder, deps, started, 0);
}

/** The healed fingerprint's baseline over the policy's look-back; an unreadable store gives none (judged as 0). */
async function readBaseline(recorder: HealingRecorder, deps: ProgressiveDeps): Promise<Baseline | null> {
  const now = (deps.now ?? (() => new Date()))();
  return deps.observation.baselineBefore(recorder.meta.fingerprint, now, deps.policy.baselineMs).catch(() => null);
}

/** A person looked at a paused (inconclusive) step and lets the delivery go on with the next step. */
export async function resumeDelivery(
  recorder: HealingRecorder,
  deps: ProgressiveDeps,
  decision: { actor: string; reason: string },
): Promise<DeliveryOutcome> {
  const rest = await recordResume(recorder, decision);
  return rest(deps);
}

/**
 * The first half of resumeDelivery: records the person's `delivery-resumed` and answers the run of the remaining
 * steps, not yet started (a caller that answers the person at once runs it in the background).
 */
export async function recordResume(
  recorder: HealingRecorder,
  decision: { actor: string; reason: string },
): Promise<(deps: ProgressiveDeps) => Promise<DeliveryOutcome>> {
  if (recorder.state !== 'delivery-paused') {
    throw new DeliveryStateError(`healing ${recorder.id} is ${recorder.state ?? 'new'}, not delivery-paused`);
  }
  const started = deliveryStartedOf(recorder);
  const lastStep = [...recorder.events].reverse().find((e) => e.type === 'delivery-step');
  const lastWeight = lastStep ? StepRecordSchema.parse(lastStep.data).weight : 0;
  await recorder.record('delivery-resumed', decision.reason, { weight: lastWeight }, decision.actor);
  const next = started.steps.findIndex((s) => s.weight > lastWeight);
  return (deps) => runSteps(recorder, deps, started, next === -1 ? started.steps.length : next);
}

/** A person ends a delivery (paused, or in flight): all traffic back to the version that served before it. */
export async function rollBackDelivery(
  recorder: HealingRecorder,
  target: DeliveryTarget,
  decision: { actor: string; reason: string },
): Promise<DeliveryOutcome> {
  const { from, to } = deliveryStartedOf(recorder);
  return rollBack(recorder, target, { from, to, why: decision.reason }, decision.actor);
}

/** The `delivery-started` data of the healing's delivery; DeliveryStateError when none was recorded. */
export function deliveryStartedOf(recorder: HealingRecorder): DeliveryStarted {
  const event = [...recorder.events].reverse().find((e) => e.type === 'delivery-started');
  if (!event) throw new DeliveryStateError(`healing ${recorder.id} has no delivery`);
  return DeliveryStartedSchema.parse(event.data);
}

async function runSteps(
  recorder: HealingRecorder,
  deps: ProgressiveDeps,
  started: DeliveryStarted,
  first: number,
): Promise<DeliveryOutcome> {
  const { from, to } = started;
  const now = deps.now ?? (() => new Date());
  const bakeDeps: BakeDeps = { ...deps, pollMs: deps.policy.pollMs, now, sleep: deps.sleep ?? sleeper };
  let weight = first > 0 ? (started.steps[first - 1]?.weight ?? 0) : 0;
  for (const step of started.steps.slice(first)) {
    const decision = await deps.mayContinue();
    if (!decision.admitted) return hold(recorder, deps.target, decision, { from, to, weight });
    // A reading of the healed count just before the step: the step's count starts from it (progressiveObservation.ts
    // counts from a reading taken at or before `since`). A failing read shows up again in the bake's reads.
    await deps.observation.occurrencesSince(recorder.meta.fingerprint, now()).catch(() => 0);
    const since = now();
    try {
      await move(deps.target, from, to, step);
    } catch (error) {
      const why = `the target refused ${step.weight} %: ${error instanceof Error ? error.message : String(error)}`;
      return rollBack(recorder, deps.target, { from, to, why });
    }
    weight = step.weight;
    const context = { weight: step.weight, baseline: started.baseline ?? null };
    const grace = step.weight === 100 ? deps.policy.graceMs : 0;
    const window = { since, bakeMs: step.bakeMs, graceUntil: new Date(since.getTime() + grace) };
    const judge = (evidence: StepEvidence) => judgeStep(evidence, deps.policy, context);
    const result = await bake(recorder.meta, window, judge, bakeDeps);
    if (result.kind === 'held') {
      const held = { outcome: 'held', why: `stopped by ${result.decision.limit}` };
      await recordStep(recorder, step, since, result.evidence, held);
      return hold(recorder, deps.target, result.decision, { from, to, weight });
    }
    const { judgement } = result;
    await recordStep(recorder, step, since, result.evidence, judgement);
    if (judgement.outcome === 'failed') return rollBack(recorder, deps.target, { from, to, why: judgement.why });
    if (judgement.outcome === 'inconclusive') {
      await recorder.record('delivery-paused', `${step.weight} %: ${judgement.why}`, { weight, why: judgement.why });
      return { outcome: 'paused', from, to, weight, why: judgement.why };
    }
  }
  await recorder.record('delivered', `${to} serves all traffic of ${started.target}`, { from, to });
  return { outcome: 'delivered', from, to };
}

/** One step's traffic change: a split below 100 %, the promotion at 100 %. */
async function move(target: DeliveryTarget, from: string, to: string, step: CanaryStep): Promise<void> {
  if (step.weight < 100) await target.shift(from, to, step.weight);
  else await target.promote(to);
}

async function recordStep(
  recorder: HealingRecorder,
  step: CanaryStep,
  since: Date,
  evidence: StepEvidence,
  judgement: Omit<StepJudgement, 'outcome'> & { outcome: string },
): Promise<void> {
  const { outcome, why, healed } = judgement;
  await recorder.record('delivery-step', `${step.weight} %: ${outcome}: ${why}`, {
    weight: step.weight,
    bakeMs: step.bakeMs,
    since: since.toISOString(),
    outcome,
    why,
    healedOccurrences: evidence.healedOccurrences,
    observedMs: evidence.observedMs,
    ...(healed ?? {}),
    newFingerprints: evidence.newFingerprints,
    otherFingerprints: evidence.otherFingerprints,
    rolloutFailure: evidence.rolloutFailure,
    unreadable: evidence.unreadable,
  });
}

/**
 * Traffic back on `from`, then `rolled-back`. A rollback the target refuses leaves the new version serving with
 * nobody watching: that is recorded as `escalated` (a person must restore the target) before the error is thrown.
 */
export async function rollBack(
  recorder: HealingRecorder,
  target: DeliveryTarget,
  at: { from: string; to: string; why: string },
  actor = 'homeostasis',
): Promise<DeliveryOutcome> {
  try {
    await target.rollback(at.from);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recorder.record('escalated', `rolling ${target.name} back to ${at.from} failed: ${message}`, {
      reason: 'rollback-failed',
      from: at.to,
      to: at.from,
      why: at.why,
      error: message,
    });
    throw new DeliveryTargetError(`${target.name}: rollback to ${at.from} failed: ${message}`, { cause: error });
  }
  await recorder.record(
    'rolled-back',
    `${target.name} back on ${at.from}: ${at.why}`,
    { to: at.from, from: at.to, why: at.why },
    actor,
  );
  return { outcome: 'rolled-back', ...at };
}

async function recordHeld(
  recorder: HealingRecorder,
  decision: Extract<ContinueDecision, { admitted: false }>,
  at: { from: string | null; to: string | null; weight: number },
): Promise<void> {
  await recorder.record('delivery-held', `${decision.limit}: ${decision.detail}`, {
    limit: decision.limit,
    detail: decision.detail,
    ...at,
  });
}

/**
 * The kill switch during a canary: recorded, then the traffic goes back to the previous version. A canary left at
 * its weight would run with nobody judging it (this controller stops), which is worse than the version that served
 * before the delivery; the healing ends rolled back and a new one may start once the switch is off.
 */
async function hold(
  recorder: HealingRecorder,
  target: DeliveryTarget,
  decision: Extract<ContinueDecision, { admitted: false }>,
  at: { from: string; to: string; weight: number },
): Promise<DeliveryOutcome> {
  await recordHeld(recorder, decision, at);
  await rollBack(recorder, target, { from: at.from, to: at.to, why: `${decision.limit}: ${decision.detail}` });
  return { outcome: 'held', limit: decision.limit, detail: decision.detail, from: at.from, to: at.to };
}
