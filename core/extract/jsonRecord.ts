import { z } from 'zod';
import type { Language } from '../schema/taxonomy.ts';
import { capText } from './blockBuffer.ts';
import type { ExtractedError, TraceBlockDetector } from './extractedError.ts';
import type { ResolvedExtractOptions } from './extractOptions.ts';
import { isErrorLevel, normalizeLevel } from './logLevel.ts';
import { normalizeTimestamp } from './timestamp.ts';

/*
 * JSON log records that may hold an error:
 *   pino      {"level":50,"time":1764000000000,"reqId":"r-1","err":{"type":"TypeError","message":"…","stack":"…"},"msg":"…"}
 *   bunyan    {"name":"orders","level":50,"err":{"name":"TypeError","message":"…","stack":"…"},"time":"2026-…Z","msg":"…"}
 *   winston   {"level":"error","message":"…","stack":"…","timestamp":"2026-…Z","service":"orders"}
 *   also      logstash-logback-encoder `stack_trace`, python-json-logger `exc_info`.
 * A record is an event when it is at error level or above (or has no level but carries a recognizable stack) and
 * holds a stack or an error object. An error-level record with only a message is counted, not emitted: without an
 * error type there is nothing for the rules to analyze.
 */

const text = z.string().optional().catch(undefined);
const scalar = z.union([z.string(), z.number()]).optional().catch(undefined);

const ErrorObjectSchema = z.looseObject({ type: text, name: text, message: text, stack: text });

const RecordSchema = z.looseObject({
  level: scalar,
  levelname: text,
  severity: text,
  time: scalar,
  timestamp: scalar,
  '@timestamp': scalar,
  ts: scalar,
  asctime: scalar,
  msg: text,
  message: text,
  err: z.union([ErrorObjectSchema, z.string()]).optional().catch(undefined),
  error: z.union([ErrorObjectSchema, z.string()]).optional().catch(undefined),
  stack: text,
  stack_trace: text,
  exc_info: text,
  exception: text,
  reqId: scalar,
  requestId: scalar,
  request_id: scalar,
  req: z.looseObject({ id: scalar }).optional().catch(undefined),
  service: text,
  name: text,
});
type LogRecord = z.infer<typeof RecordSchema>;

export type QuickLevel = 'error' | 'below' | 'unknown';

/** The `"level":` value of a JSON line read in place, without parsing the line: most lines stop here. */
export function quickJsonLevel(line: string): QuickLevel {
  const key = line.indexOf('"level":');
  if (key === -1) return 'unknown';
  let i = key + 8;
  while (line.charCodeAt(i) === 0x20) i++;
  let value: string | number;
  if (line.charCodeAt(i) === 0x22 /* " */) {
    const close = line.indexOf('"', i + 1);
    if (close === -1 || close - i > 17) return 'unknown';
    value = line.slice(i + 1, close);
  } else {
    let end = i;
    while (end < line.length && end - i < 4 && line.charCodeAt(end) >= 0x30 && line.charCodeAt(end) <= 0x39) end++;
    if (end === i) return 'unknown';
    value = Number(line.slice(i, end));
  }
  const level = normalizeLevel(value);
  if (level === null) return 'unknown';
  return isErrorLevel(level) ? 'error' : 'below';
}

/** Whether a JSON line names a field that can hold an error: `"err…`, `"stack…`, `"exc…`. */
export function mentionsErrorField(line: string): boolean {
  return line.includes('"err') || line.includes('"stack') || line.includes('"exc');
}

/** The language of a stack: the detector that begins one of its first lines and accepts the whole. */
export function stackLanguage(lines: readonly string[], detectors: readonly TraceBlockDetector[]): Language | null {
  let previous: string | null = null;
  for (const line of lines.slice(0, 8)) {
    const matching = detectors.filter((detector) => detector.begins(line, previous));
    const accepted = matching.find((detector) => detector.accepts?.(lines) ?? true);
    if (accepted !== undefined) return accepted.language;
    previous = line;
  }
  return null;
}

function requestIdOf(record: LogRecord): string | null {
  const id = record.reqId ?? record.requestId ?? record.request_id ?? record.req?.id;
  return id === undefined ? null : String(id);
}

export type JsonOutcome =
  | { kind: 'event'; error: ExtractedError }
  | { kind: 'skipped'; reason: 'below-error-level' | 'no-trace' | 'malformed' | 'not-an-error' };

/** Reads one JSON line that passed the cheap checks. Never throws: a line of a log is untrusted input. */
export function readJsonRecord(line: string, lineNumber: number, options: ResolvedExtractOptions): JsonOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { kind: 'skipped', reason: 'malformed' };
  }
  const parsed = RecordSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'skipped', reason: 'not-an-error' };
  const record = parsed.data;
  const errorObject =
    typeof record.err === 'object' ? record.err : typeof record.error === 'object' ? record.error : null;
  const errorText =
    typeof record.err === 'string' ? record.err : typeof record.error === 'string' ? record.error : null;
  const stack =
    errorObject?.stack ??
    record.stack ??
    record.stack_trace ??
    record.exc_info ??
    record.exception ??
    (errorText?.includes('\n') ? errorText : undefined);
  const level = normalizeLevel(record.level ?? record.levelname ?? record.severity);

  if (level !== null && !isErrorLevel(level) && !options.includeBelowErrorLevel) {
    return {
      kind: 'skipped',
      reason: stack !== undefined || errorObject !== null ? 'below-error-level' : 'not-an-error',
    };
  }
  const errorType = errorObject?.type ?? errorObject?.name ?? null;
  const errorMessage = errorObject?.message ?? null;
  let excerpt: { text: string; truncated: boolean };
  let language: Language | null;
  if (stack !== undefined && stack.trim().length > 0) {
    excerpt = capText(stack, options.maxBlockLines, options.maxBlockBytes);
    language = stackLanguage(excerpt.text.split('\n'), options.detectors);
    // Without a level, only a stack a detector recognizes makes the record an error.
    if (level === null && language === null) return { kind: 'skipped', reason: 'not-an-error' };
  } else if (level !== null && (errorType !== null || errorMessage !== null)) {
    excerpt = capText(`${errorType ?? 'Error'}: ${errorMessage ?? ''}`, options.maxBlockLines, options.maxBlockBytes);
    language = null;
  } else {
    return { kind: 'skipped', reason: level === null ? 'not-an-error' : 'no-trace' };
  }

  const error: ExtractedError = {
    language: language ?? options.structuredLanguage,
    excerpt: excerpt.text,
    startLine: lineNumber,
    endLine: lineNumber,
    timestamp: normalizeTimestamp(
      record.time ?? record.timestamp ?? record['@timestamp'] ?? record.ts ?? record.asctime,
    ),
    level,
    service: record.service ?? record.name ?? null,
    requestId: requestIdOf(record),
    structured: errorObject === null ? null : { errorType, message: errorMessage },
    logMessage: record.msg ?? record.message ?? null,
  };
  if (excerpt.truncated) error.truncated = true;
  return { kind: 'event', error };
}
