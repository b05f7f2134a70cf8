/**
 * Ports of progressive delivery: where the patched build goes (a DeliveryTarget: a Lambda alias, an ECS service),
 * what the ingest stream has seen since a step began (an Observation), and whether a limit or the kill switch still
 * lets the delivery go on (MayContinue). The core never talks to AWS; adapters/aws implements the targets.
 */

/** Where the target's traffic goes now: the stable version and, during a canary, the new one and its share. */
export interface TargetState {
  stable: string;
  canary: string | null;
  /** Percent (0-100) of the traffic on `canary`; 0 without a canary. */
  weight: number;
}

export interface DeliveryTarget {
  /** Names the target in events and timelines, e.g. `lambda:orders:live`, `ecs:prod/orders`. */
  readonly name: string;
  /**
   * Whether traffic can be split by weight. A target that cannot (an ECS rolling update replaces tasks, it does
   * not split requests) gets one step at 100 %.
   */
  readonly weighted: boolean;
  describe(): Promise<TargetState>;
  /** Uploads the patched build and publishes it as a new immutable version. `from` is the version serving now. */
  publish(): Promise<{ from: string; to: string }>;
  /** Sends `weight` percent (1-99) of the traffic to `to`, the rest to `from`. */
  shift(from: string, to: string, weight: number): Promise<void>;
  /** Sends all traffic to `to`, with no split left. */
  promote(to: string): Promise<void>;
  /** Sends all traffic back to `from`, with no split left. */
  rollback(from: string): Promise<void>;
  /**
   * What the platform itself says went wrong with the new version (an ECS deployment the circuit breaker failed);
   * null when nothing. Optional: a Lambda alias has no such signal beyond the errors the function logs.
   */
  rolloutFailure?(): Promise<string | null>;
}

/**
 * How often the healed fingerprint occurred before the delivery, with all traffic on the old version:
 * `occurrences` over `spanMs`. The canary judge reads a rate from it (progressiveJudge.ts).
 */
export interface Baseline {
  occurrences: number;
  spanMs: number;
}

/** What the ingest stream saw; read from the healing store's occurrence records (progressiveObservation.ts). */
export interface Observation {
  /**
   * The fingerprint's occurrences in about the `lookbackMs` before `until` (the store's history may round the
   * window out to a whole hour, or in to the fingerprint's first occurrence); null when it never occurred.
   */
  baselineBefore(fingerprint: string, until: Date, lookbackMs: number): Promise<Baseline | null>;
  /** Occurrences of `fingerprint` at or after `since`: 0 when none, at least 1 when any. */
  occurrencesSince(fingerprint: string, since: Date): Promise<number>;
  /** Fingerprints of `service` first seen at or after `since`: errors nobody saw before this step. */
  newFingerprintsSince(service: string, since: Date): Promise<string[]>;
  /** Fingerprints of `service` seen before `since` that occurred again since, other than `except`. */
  otherFingerprintsSince(service: string, since: Date, except: string): Promise<string[]>;
}

/** The shape core/limits' admission decisions have: a stop says which limit and why. */
export type ContinueDecision = { admitted: true } | { admitted: false; limit: string; detail: string };

/**
 * Asked before every step and at every poll of a bake: the kill switch (core/limits) wrapped by the caller. It must
 * only answer; the controller records `delivery-held` itself.
 */
export type MayContinue = () => Promise<ContinueDecision>;

export class ProgressiveDeliveryError extends Error {
  override name = 'ProgressiveDeliveryError';
}

/** A plan that cannot be run: weights not rising, not ending at 100, a negative bake. */
export class DeliveryPlanError extends ProgressiveDeliveryError {
  override name = 'DeliveryPlanError';
}

/** The healing is not where the call needs it (not approved, not paused, no delivery recorded). */
export class DeliveryStateError extends ProgressiveDeliveryError {
  override name = 'DeliveryStateError';
}

/** A target that is not in a state a delivery may start from, or refused an operation. */
export class DeliveryTargetError extends ProgressiveDeliveryError {
  override name = 'DeliveryTargetError';
}
