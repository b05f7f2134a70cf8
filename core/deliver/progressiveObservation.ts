import { z } from 'zod';
import type { HealingStore, OccurrenceRecord } from '../workflow/healingStore.ts';
import type { Observation } from './progressivePorts.ts';

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
 * minus a count read at or before t: this observation remembers its readings, and the controller reads once when a
 * step begins. Without such a reading the answer is 1 when the fingerprint was last seen at or after t.
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
    const base = [...readings].reverse().find((r) => r.at <= t) ?? readings[0];
    readings.push({ at: this.now().getTime(), count: record?.count ?? 0 });
    // Readings older than the oldest `since` a caller can still ask about are useless; a delivery asks about its
    // current step only, so keeping the last 1 000 is plenty.
    this.readings.set(fingerprint, readings.slice(-1_000));
    if (!record || Date.parse(record.lastSeen) < t) return 0;
    return base ? Math.max(1, record.count - base.count) : 1;
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
