/**
 * Normalizes the timestamps log records carry to ISO 8601 (what ErrorEvent.timestamp requires), or `null`.
 * A local time without a zone (Python's `2026-11-24 20:40:26,561`, logback's default layout) is read as UTC:
 * the log does not say, and guessing the machine's zone would make the result depend on where it is parsed.
 */

// Anchored, fixed-width fields and one optional fraction: no backtracking on long lines.
const DATE_TIME =
  /^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?( ?(?:Z|[+-]\d{2}:?\d{2}))?/;

/** Epoch values above this are milliseconds (pino, bunyan); below, seconds (zap `ts`, Python `created`). */
const MILLISECONDS_THRESHOLD = 1e11;

export interface TimestampMatch {
  iso: string;
  /** Characters of the input the timestamp took. */
  length: number;
}

function fromEpoch(value: number): string | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const date = new Date(value < MILLISECONDS_THRESHOLD ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A date-time at the start of `text`, normalized, with how many characters it took. */
export function matchTimestamp(text: string): TimestampMatch | null {
  const match = DATE_TIME.exec(text);
  if (match === null) return null;
  const [whole, year, month, day, hour, minute, second, fraction, zone] = match;
  const millis = (fraction ?? '').padEnd(3, '0').slice(0, 3);
  let offset = (zone ?? '').trim();
  if (offset === '') offset = 'Z';
  else if (offset !== 'Z' && offset.length === 5) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`;
  return Number.isNaN(Date.parse(iso)) ? null : { iso, length: whole.length };
}

export function normalizeTimestamp(value: unknown): string | null {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string' || value.length === 0) return null;
  return matchTimestamp(value.trim())?.iso ?? null;
}
