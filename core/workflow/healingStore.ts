import type { HealingState } from './healingStates.ts';
import type { HealingEvent } from './healingWorkflow.ts';

export interface HealingSummary {
  id: string;
  fingerprint: string;
  service: string;
  category: string;
  state: HealingState;
  createdAt: string;
  updatedAt: string;
}

export interface OccurrenceRecord {
  fingerprint: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** The fingerprint's parts and a sample event (scrubbed), for `homeostasis explain`. */
  parts: unknown;
  sample: unknown;
  /**
   * Occurrences per UTC hour (key `yyyy-mm-ddThh`, the hour of the event's timestamp) over the last 48 hours
   * before the record's last write; older hours are dropped on write. A reader drawing "the last 48 hours" still
   * filters by its own clock: a fingerprint that stopped occurring keeps its last buckets.
   */
  hourly?: Record<string, number>;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

/** Another writer appended first: reload the events and decide again. */
export class ConcurrentAppendError extends StoreError {
  override name = 'ConcurrentAppendError';
}

/**
 * Where healings live: an append-only log per healing (event sourced), plus occurrence counts per fingerprint.
 * Embedded mode uses SQLite; AWS mode uses DynamoDB with conditional puts. The store only appends; the workflow
 * decides which events are legal.
 */
export interface HealingStore {
  /** Appends `event` if `event.seq` is exactly one past the last stored event; otherwise ConcurrentAppendError. */
  append(
    event: HealingEvent,
    meta: { fingerprint: string; service: string; category: string; state: HealingState },
  ): Promise<void>;
  events(healingId: string): Promise<HealingEvent[]>;
  list(filter?: { state?: HealingState; fingerprint?: string; service?: string }): Promise<HealingSummary[]>;
  recordOccurrence(fingerprint: string, at: string, parts: unknown, sample: unknown): Promise<OccurrenceRecord>;
  occurrence(fingerprint: string): Promise<OccurrenceRecord | null>;
  /** Occurrences whose fingerprint starts with `prefix` (short fingerprints in the CLI). */
  findOccurrences(prefix: string): Promise<OccurrenceRecord[]>;
}
