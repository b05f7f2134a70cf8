import { z } from 'zod';
import { hourKey } from '../pipeline/occurrenceHours.ts';
import type { HealingStore, OccurrenceRecord } from '../workflow/healingStore.ts';
import type { Baseline, Observation } from './progressivePorts.ts';

/** The part of an occurrence's sample event this reads: the service the sender declared. */
const SampleService = z.object({ service: z.string() });

const serviceOf = (record: OccurrenceRecord): string | null => {
  const parsed = SampleService.safeParse(record.sample);
  return parsed.success ? parsed.data.service : null;
};

interface Reading {
  at: number;
  count: number;
}

/**
 * Reads what the ingest stage recorded: the occurrence record of each fingerprint (count, first and last seen, a
 * sample event that names the service). Times are the events' timestamps (the log's, or the ingest time when the
 * log has none). A record holds a running count, not the occurrences' times, so "how many since t" is the count now
 * minus a count read at or before t: this observation remembers its readings, and the controller reads once just
 * before a step begins. Without such a reading the answer is at least 1 when the fingerprint was last seen at or
 * after t.
 * The service's fingerprints come from a scan of the occurrence records (one per fingerprint, a bounded set).
 */
export class HealingStoreObservation implements Observation {
  private readonly readings = new Map<string, Reading[]>();
  /** A scan in flight, shared by the calls made at the same time (a bake reads new and other fingerprints at once). */
  private scan: Promise<OccurrenceRecord[]> | null = null;

  constructor(
    private readonly store: HealingStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async occurrencesSince(fingerprint: string, since: Date): Promise<number> {
    const t = since.getTime();
    const record = await this.store.occurrence(fingerprint);
    const readings = this.readings.get(fingerprint) ?? [];
    const before = [...readings].reverse().find((r) => r.at <= t);
    const after = readings[0];
    readings.push({ at: this.now().getTime(), count: record?.count ?? 0 });
    // Readings older than the oldest `since` a caller can still ask about are useless; a delivery asks about its
    // current step only, so keeping the last 1 000 is plenty.
    this.readings.set(fingerprint, readings.slice(-1_000));
    if (!record || Date.parse(record.lastSeen) < t) return 0;
    // A reading at or before t counts exactly (an occurrence stamped t that it already held is not counted twice);
    // one taken after t misses what came between, and the last occurrence, at or after t, is at least one.
    if (before) return record.count - before.count;
    return after ? Math.max(1, record.count - after.count) : 1;
  }

  /**
   * From the record's hourly buckets (kept 48 h): the occurrences in the buckets from the hour that holds
   * `until − lookbackMs` to `until`, over the span from that hour's start (a window up to an hour longer than asked,
   * never a partial bucket counted over a shorter span). A fingerprint first seen inside that span did not exist
   * before it: the span starts at its first occurrence instead, and that occurrence, which opened the span, is not
   * counted (a Poisson process watched from one of its events: the other n − 1 estimate the rate without bias).
   * A record without buckets (written before they existed) falls back to its count since its first occurrence.
   */
  async baselineBefore(fingerprint: string, until: Date, lookbackMs: number): Promise<Baseline | null> {
    const record = await this.store.occurrence(fingerprint);
    if (!record) return null;
    const end = until.getTime();
    const firstSeen = Date.parse(record.firstSeen);
    const windowStart = Date.parse(`${hourKey(end - lookbackMs)}:00:00.000Z`);
    const hourly = record.hourly;
    const inWindow = hourly
      ? Object.entries(hourly).reduce((sum, [hour, n]) => (hour >= hourKey(windowStart) ? sum + n : sum), 0)
      : record.count;
    const start = hourly ? windowStart : firstSeen;
    if (!Number.isFinite(start)) return null;
    if (Number.isFinite(firstSeen) && firstSeen >= start) {
      return { occurrences: Math.max(0, inWindow - 1), spanMs: Math.max(0, end - firstSeen) };
    }
    return { occurrences: inWindow, spanMs: end - start };
  }

  async newFingerprintsSince(service: string, since: Date): Promise<string[]> {
    const t = since.getTime();
    return (await this.ofService(service)).filter((r) => Date.parse(r.firstSeen) >= t).map((r) => r.fingerprint);
  }

  async otherFingerprintsSince(service: string, since: Date, except: string): Promise<string[]> {
    const t = since.getTime();
    return (await this.ofService(service))
      .filter((r) => r.fingerprint !== except && Date.parse(r.firstSeen) < t && Date.parse(r.lastSeen) >= t)
      .map((r) => r.fingerprint);
  }

  private async ofService(service: string): Promise<OccurrenceRecord[]> {
    if (!this.scan) {
      this.scan = this.store.findOccurrences('').finally(() => {
        this.scan = null;
      });
    }
    const all = await this.scan;
    return all.filter((r) => serviceOf(r) === service).sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  }
}
