import { randomUUID } from 'node:crypto';
import type { ExtractedError } from '../extract/extractedError.ts';
import { computeFingerprint, FINGERPRINT_ALGORITHM, type FingerprintParts } from '../fingerprint/fingerprint.ts';
import type { ParsedTrace } from '../parse/parsedTrace.ts';
import type { PluginRegistry } from '../plugin/pluginRegistry.ts';
import type { Analysis } from '../rules/analysis.ts';
import { ERROR_SCHEMA_VERSION, type ErrorEvent } from '../schema/errorEvent.ts';
import { scrubSecrets } from '../scrub/secretScrubber.ts';

export interface EventContext {
  registry: PluginRegistry;
  /** Used when the log record does not name its service. */
  service: string;
  environment: string;
  now?: () => Date;
  /** Event ids; deterministic ids make redelivered log lines idempotent in the pipeline. */
  idFor?: (extracted: ExtractedError) => string;
}

export interface BuiltEvent {
  event: ErrorEvent;
  analysis: Analysis;
  fingerprintParts: FingerprintParts;
}

/**
 * Turns one extracted error block into an ErrorEvent: parse with the language's parser, mask secrets, classify
 * with the rules, fingerprint. Secrets are masked before anything else sees the text, so nothing downstream
 * (store, output, fixers) holds them. Returns null when no parser recognises the block.
 */
export function buildErrorEvent(extracted: ExtractedError, ctx: EventContext): BuiltEvent | null {
  const plugin = ctx.registry.find(extracted.language);
  const parsed: ParsedTrace | null = plugin?.parser.parse(extracted.excerpt) ?? fromStructured(extracted);
  if (!parsed) return null;
  const message = scrubSecrets(parsed.message).text;
  const errorType = parsed.errorType;
  const fingerprint = computeFingerprint({ errorType, message, frames: parsed.frames });
  const analysis = ctx.registry.analyzer.analyze(parsed.language, errorType, message);
  const timestamp = validTimestamp(extracted.timestamp) ?? (ctx.now?.() ?? new Date()).toISOString();
  const event: ErrorEvent = {
    schemaVersion: ERROR_SCHEMA_VERSION,
    id: ctx.idFor?.(extracted) ?? randomUUID(),
    timestamp,
    service: extracted.service ?? ctx.service,
    environment: ctx.environment,
    language: parsed.language,
    runtime: parsed.runtime,
    errorType,
    message,
    normalizedMessage: fingerprint.parts.normalizedMessage,
    category: analysis.category,
    severity: analysis.severity,
    frames: parsed.frames,
    sourceFrames: [],
    causes: parsed.causes.map((c) => ({ ...c, message: scrubSecrets(c.message).text })),
    fingerprint: fingerprint.value,
    fingerprintAlgorithm: FINGERPRINT_ALGORITHM,
    rawExcerpt: scrubSecrets(extracted.excerpt).text,
    context: {
      requestId: extracted.requestId === null ? null : scrubSecrets(extracted.requestId).text,
      tags: extracted.level ? { level: extracted.level } : {},
    },
  };
  return { event, analysis, fingerprintParts: fingerprint.parts };
}

/** A structured record with a type and message but no stack the parser could read. */
function fromStructured(extracted: ExtractedError): ParsedTrace | null {
  const s = extracted.structured;
  if (!s?.errorType && !s?.message) return null;
  return {
    language: extracted.language,
    errorType: s.errorType ?? 'Error',
    message: s.message ?? '',
    frames: [],
    causes: [],
    runtime: null,
  };
}

function validTimestamp(value: string | null): string | null {
  if (!value) return null;
  const ms = /^\d{10,13}$/.test(value) ? Number(value) * (value.length === 10 ? 1000 : 1) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
