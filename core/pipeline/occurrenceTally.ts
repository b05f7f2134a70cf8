import type { BuiltEvent } from '../heal/errorEventBuilder.ts';
import { hourBucketFor } from './occurrenceHours.ts';

/** The occurrences of one fingerprint in one ingest batch, written to the store in one update. */
export interface OccurrenceTally {
  fingerprint: string;
  count: number;
  /** Earliest and latest event timestamps of the batch (as the events carry them). */
  firstAt: string;
  lastAt: string;
  /** Occurrences per UTC hour within the kept window (core/pipeline/occurrenceHours.ts). */
  hourly: Record<string, number>;
  /** Kept only when the record is new: the fingerprint's parts and the first event seen. */
  parts: unknown;
  sample: unknown;
}

/** A fingerprint's share of a batch: its tally, the event that would open its healing, and where it came from. */
export interface FingerprintBatch {
  tally: OccurrenceTally;
  /** The batch's first event of this fingerprint (stream order): the one a new healing records as detected. */
  first: BuiltEvent;
  /** Indexes of the groups (streams) that contributed: a failed write fails their messages. */
  groups: number[];
}

/**
 * Folds a batch's events into one tally per fingerprint, so a storm of one error costs one occurrence write per
 * batch instead of one per line. `groups[i]` are the events of group i, in stream order.
 */
export function tallyByFingerprint(groups: readonly (readonly BuiltEvent[])[], now: Date): FingerprintBatch[] {
  const byFingerprint = new Map<string, FingerprintBatch>();
  groups.forEach((events, groupIndex) => {
    for (const built of events) {
      const { fingerprint, timestamp } = built.event;
      let batch = byFingerprint.get(fingerprint);
      if (!batch) {
        batch = {
          tally: {
            fingerprint,
            count: 0,
            firstAt: timestamp,
            lastAt: timestamp,
            hourly: {},
            parts: built.fingerprintParts,
            sample: built.event,
          },
          first: built,
          groups: [],
        };
        byFingerprint.set(fingerprint, batch);
      }
      const { tally } = batch;
      tally.count += 1;
      if (Date.parse(timestamp) < Date.parse(tally.firstAt)) tally.firstAt = timestamp;
      if (Date.parse(timestamp) > Date.parse(tally.lastAt)) tally.lastAt = timestamp;
      const hour = hourBucketFor(timestamp, now);
      if (hour !== null) tally.hourly[hour] = (tally.hourly[hour] ?? 0) + 1;
      if (!batch.groups.includes(groupIndex)) batch.groups.push(groupIndex);
    }
  });
  return [...byFingerprint.values()];
}

/** The tally of a single occurrence (the stores' `recordOccurrence`: CLI scans, one event at a time). */
export function tallyOfOne(
  fingerprint: string,
  at: string,
  parts: unknown,
  sample: unknown,
  now: Date,
): OccurrenceTally {
  const hour = hourBucketFor(at, now);
  return { fingerprint, count: 1, firstAt: at, lastAt: at, hourly: hour === null ? {} : { [hour]: 1 }, parts, sample };
}
