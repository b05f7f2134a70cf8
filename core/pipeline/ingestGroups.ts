import { createHash } from 'node:crypto';
import { extractErrorsFromString } from '../extract/logExtractor.ts';
import { type BuiltEvent, buildErrorEvent } from '../heal/errorEventBuilder.ts';
import type { PluginRegistry } from '../plugin/pluginRegistry.ts';

/** The log lines of one queue message, after its body was parsed. */
export interface IngestRecord {
  messageId: string;
  /** When the queue accepted the message (epoch ms); orders a stream's messages. */
  sentAt: number;
  lines: readonly string[];
  /** The service the sender declared. */
  service: string | null;
  /** The sender's stream (a CloudWatch log stream, a pod, a process): lines of one stream are one log. */
  stream: string | null;
}

/** A stream's lines from every message of one batch, in the order they were sent. */
export interface LineGroup {
  stream: string;
  service: string | null;
  lines: string[];
  messageIds: string[];
}

/**
 * Reassembles streams across the messages of one batch: an application (or its log shipper) cuts its output into
 * messages wherever a buffer fills, often in the middle of a stack trace. Lines of one stream are joined in send
 * order so the extractor sees the trace whole. The event source's batching window (1-5 s) puts the lines of one
 * crash, written in one burst, into one batch; a trace cut at a batch boundary is read from the part each side has.
 */
export function groupByStream(records: readonly IngestRecord[]): LineGroup[] {
  const ordered = records.map((r, i) => ({ r, i })).sort((a, b) => a.r.sentAt - b.r.sentAt || a.i - b.i);
  const groups = new Map<string, LineGroup>();
  for (const { r } of ordered) {
    const key = r.stream ?? r.service ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { stream: key, service: r.service, lines: [], messageIds: [] };
      groups.set(key, group);
    }
    group.lines.push(...r.lines);
    group.messageIds.push(r.messageId);
    group.service ??= r.service;
  }
  return [...groups.values()];
}

export interface GroupEventContext {
  registry: PluginRegistry;
  environment: string;
  now?: () => Date;
}

/**
 * Extracts and builds the error events of one group (scrubbed, fingerprinted). The sender's declared service wins
 * over a name inside the log record: the record is untrusted text, the queue's sender is configured. Event ids are
 * derived from the group's messages and the block's line, so a redelivered batch yields the same ids.
 */
export function buildGroupEvents(group: LineGroup, ctx: GroupEventContext): BuiltEvent[] {
  const extracted = extractErrorsFromString(group.lines.join('\n'), { detectors: ctx.registry.detectors });
  const batchKey = createHash('sha256').update(group.messageIds.join('\n')).digest('hex').slice(0, 16);
  const out: BuiltEvent[] = [];
  for (const block of extracted) {
    const built = buildErrorEvent(
      { ...block, service: group.service ?? block.service },
      {
        registry: ctx.registry,
        service: 'unknown',
        environment: ctx.environment,
        ...(ctx.now ? { now: ctx.now } : {}),
        idFor: (e) => `${batchKey}-${e.startLine}`,
      },
    );
    if (built) out.push(built);
  }
  return out;
}
