import { extractErrors } from '../extract/logExtractor.ts';
import type { FingerprintParts } from '../fingerprint/fingerprint.ts';
import type { HealingStore } from '../workflow/healingStore.ts';
import { type BuiltEvent, buildErrorEvent, type EventContext } from './errorEventBuilder.ts';

/** All occurrences of one fingerprint in a log. */
export interface EventGroup {
  fingerprint: string;
  count: number;
  /** The first occurrence, kept as the sample the healing works from. */
  sample: BuiltEvent;
  parts: FingerprintParts;
}

export interface ScanResult {
  events: number;
  groups: EventGroup[];
}

/**
 * Streams a log through the extractor and groups the events by fingerprint, in order of first appearance.
 * Only one sample per fingerprint is kept, so memory grows with distinct bugs, not with the log.
 */
export async function scanLog(
  lines: AsyncIterable<string> | Iterable<string>,
  ctx: EventContext,
  store?: HealingStore,
): Promise<ScanResult> {
  const groups = new Map<string, EventGroup>();
  let events = 0;
  for await (const extracted of extractErrors(lines, { detectors: ctx.registry.detectors })) {
    const built = buildErrorEvent(extracted, ctx);
    if (!built) continue;
    events++;
    const { event } = built;
    await store?.recordOccurrence(event.fingerprint, event.timestamp, built.fingerprintParts, event);
    const group = groups.get(event.fingerprint);
    if (group) group.count++;
    else
      groups.set(event.fingerprint, {
        fingerprint: event.fingerprint,
        count: 1,
        sample: built,
        parts: built.fingerprintParts,
      });
  }
  return { events, groups: [...groups.values()] };
}

/** The group to heal: the one asked for (by fingerprint prefix), else the most frequent, first seen on ties. */
export function chooseGroup(groups: readonly EventGroup[], fingerprintPrefix?: string): EventGroup | null {
  if (fingerprintPrefix) return groups.find((g) => g.fingerprint.startsWith(fingerprintPrefix)) ?? null;
  let best: EventGroup | null = null;
  for (const group of groups) if (!best || group.count > best.count) best = group;
  return best;
}
