import type { OccurrenceRecord } from '../workflow/healingStore.ts';
import type { HealingClaim } from './healingStart.ts';
import type { OccurrenceTally } from './occurrenceTally.ts';
import type { ServiceConfig } from './serviceConfig.ts';

/** The occurrence item's claim on a fingerprint's healing. */
export interface ClaimStore {
  claimOf(fingerprint: string): Promise<HealingClaim>;
  /** Sets the open healing to `healingId` only if it is still `expected`; false when another ingest got there first. */
  claim(fingerprint: string, expected: string | null, healingId: string, at: string): Promise<boolean>;
}

/**
 * Counts a batch's occurrences of one fingerprint in one write. The claim lives on the same occurrence item, so the
 * write answers it too: ingest needs no separate claim read.
 */
export interface OccurrenceCounter {
  add(tally: OccurrenceTally, now: Date): Promise<{ occurrence: OccurrenceRecord; claim: HealingClaim }>;
}

/** "This was already done" records (message ids, healing id + stage), kept for a while then forgotten. */
export interface Idempotency {
  seen(key: string): Promise<boolean>;
  /** Records `key`; false when it was already recorded (someone else did it first). */
  mark(key: string): Promise<boolean>;
}

/** Idempotency for many keys per call (one batch's message ids). */
export interface BatchIdempotency extends Idempotency {
  /** The keys of `keys` that are recorded. */
  seenMany(keys: readonly string[]): Promise<Set<string>>;
  /** Records every key (unconditionally: rewriting a record only renews it). */
  markMany(keys: readonly string[]): Promise<void>;
}

/**
 * Short-lived memory (Redis) of fingerprints whose healing start was just decided "skip, healing X is busy", shared
 * by all ingest instances. Only a shortcut: an answer of null (forgotten, expired, or the memory is unreachable)
 * makes ingest look the healing up in the store, so losing it costs reads, never correctness. Implementations
 * never throw.
 */
export interface RecentFingerprints {
  /** The healing remembered as busy for `fingerprint`, or null. */
  busyHealingOf(fingerprint: string): Promise<string | null>;
  /** Remembers `healingId` as busy for `fingerprint` during `forMs`. */
  rememberBusy(fingerprint: string, healingId: string, forMs: number): Promise<void>;
}

export interface ServiceRegistry {
  get(service: string): Promise<ServiceConfig | null>;
}

/** A fresh working copy of a service's source on the local disk. */
export interface SourceProvider {
  checkout(config: ServiceConfig): Promise<string>;
}
