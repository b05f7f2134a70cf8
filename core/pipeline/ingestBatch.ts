import type { BuiltEvent } from '../heal/errorEventBuilder.ts';
import type { PluginRegistry } from '../plugin/pluginRegistry.ts';
import { buildGroupEvents, groupByStream, type IngestRecord, type LineGroup } from './ingestGroups.ts';
import { type IngestDeps, type IngestOutcome, ingestFingerprint } from './ingestStage.ts';
import { tallyByFingerprint } from './occurrenceTally.ts';
import type { BatchIdempotency } from './pipelinePorts.ts';

export interface BatchIngestDeps extends IngestDeps {
  registry: PluginRegistry;
  environment: string;
  /** Records of "this message was ingested", read and written once per batch. */
  messages: BatchIdempotency;
  messageKey(messageId: string): string;
}

export type MessageResult =
  /** Ingested; `events` = the error events read from its stream's lines in this batch. */
  { status: 'processed'; events: number } | { status: 'duplicate' } | { status: 'failed'; error: unknown };

export interface BatchIngestResult {
  messages: Map<string, MessageResult>;
  fingerprints: IngestOutcome[];
}

interface GroupRead {
  group: LineGroup;
  events: BuiltEvent[];
  error?: unknown;
}

/**
 * Ingests one queue batch with a handful of store calls instead of several per message and per event:
 * - the lines are grouped by stream and read first (CPU only). A batch that yields no error event touches no
 *   store at all: ingesting it changes nothing, so it needs no "already ingested" record either (most batches:
 *   ~99% of log lines are not errors). A redelivered error-free message can only yield an event together with
 *   fresh lines of its stream, and that event then belongs to those fresh lines;
 * - otherwise the batch's message ids are checked in one read, already-ingested messages are dropped (and the rest
 *   read again without them), the events are counted with one write per fingerprint (occurrenceTally.ts) and each
 *   fingerprint's healing start is decided once (ingestStage.ts), then the ingested messages are recorded in one
 *   write, after the work (a crash in between repeats the work rather than losing it).
 * A fingerprint whose write or start fails fails the messages of every stream that contributed to it; the others
 * are recorded and acknowledged.
 */
export async function ingestRecords(
  records: readonly IngestRecord[],
  deps: BatchIngestDeps,
): Promise<BatchIngestResult> {
  const messages = new Map<string, MessageResult>();
  const fingerprints: IngestOutcome[] = [];
  let reads = readGroups(records, deps);
  if (!reads.some((r) => r.events.length > 0)) {
    settle(reads, unreadable(reads), messages);
    return { messages, fingerprints };
  }
  try {
    const seen = await deps.messages.seenMany(records.map((r) => deps.messageKey(r.messageId)));
    if (seen.size > 0) {
      const isSeen = (r: IngestRecord) => seen.has(deps.messageKey(r.messageId));
      for (const r of records.filter(isSeen)) messages.set(r.messageId, { status: 'duplicate' });
      reads = readGroups(
        records.filter((r) => !isSeen(r)),
        deps,
      );
    }
  } catch (error) {
    for (const r of records) messages.set(r.messageId, { status: 'failed', error });
    return { messages, fingerprints };
  }
  const failed = unreadable(reads);
  const batches = tallyByFingerprint(
    reads.map((r) => (r.error === undefined ? r.events : [])),
    deps.now(),
  );
  const settled = await Promise.allSettled(batches.map((b) => ingestFingerprint(b, deps)));
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') fingerprints.push(s.value);
    else for (const g of batches[i]?.groups ?? []) if (!failed.has(g)) failed.set(g, s.reason);
  });
  const done = reads.filter((_, i) => !failed.has(i));
  try {
    await deps.messages.markMany(done.flatMap((r) => r.group.messageIds.map((id) => deps.messageKey(id))));
  } catch (error) {
    reads.forEach((_, i) => {
      if (!failed.has(i)) failed.set(i, error);
    });
  }
  settle(reads, failed, messages);
  return { messages, fingerprints };
}

function readGroups(records: readonly IngestRecord[], deps: BatchIngestDeps): GroupRead[] {
  return groupByStream(records).map((group) => {
    try {
      return { group, events: buildGroupEvents(group, { registry: deps.registry, environment: deps.environment }) };
    } catch (error) {
      return { group, events: [], error };
    }
  });
}

/** Groups whose lines could not be read, by index, with the error. */
function unreadable(reads: readonly GroupRead[]): Map<number, unknown> {
  const failed = new Map<number, unknown>();
  reads.forEach((r, i) => {
    if (r.error !== undefined) failed.set(i, r.error);
  });
  return failed;
}

function settle(reads: readonly GroupRead[], failed: ReadonlyMap<number, unknown>, out: Map<string, MessageResult>) {
  reads.forEach((r, i) => {
    const result: MessageResult = failed.has(i)
      ? { status: 'failed', error: failed.get(i) }
      : { status: 'processed', events: r.events.length };
    for (const id of r.group.messageIds) out.set(id, result);
  });
}
