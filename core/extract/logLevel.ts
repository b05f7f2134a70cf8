/** Log levels, normalized across loggers so that "is this an error?" has one answer. */
export type NormalizedLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

const LEVEL_NAMES = new Map<string, NormalizedLevel>(
  Object.entries({
    trace: 'trace',
    finest: 'trace',
    finer: 'trace',
    debug: 'debug',
    fine: 'debug',
    config: 'debug',
    info: 'info',
    information: 'info',
    informational: 'info',
    notice: 'info',
    warn: 'warn',
    warning: 'warn',
    error: 'error',
    err: 'error',
    severe: 'error',
    fatal: 'fatal',
    critical: 'fatal',
    crit: 'fatal',
    alert: 'fatal',
    emerg: 'fatal',
    emergency: 'fatal',
    panic: 'fatal',
  }) as [string, NormalizedLevel][],
);

/** pino and bunyan numbers: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
function fromNumber(level: number): NormalizedLevel {
  if (level >= 60) return 'fatal';
  if (level >= 50) return 'error';
  if (level >= 40) return 'warn';
  if (level >= 30) return 'info';
  if (level >= 20) return 'debug';
  return 'trace';
}

/** A level name or a pino/bunyan number, normalized; `null` for anything else (digits in text are not levels). */
export function normalizeLevel(level: unknown): NormalizedLevel | null {
  if (typeof level === 'number') return Number.isFinite(level) ? fromNumber(level) : null;
  if (typeof level !== 'string' || level.length === 0 || level.length > 16) return null;
  return LEVEL_NAMES.get(level.toLowerCase()) ?? null;
}

export function isErrorLevel(level: NormalizedLevel | null): boolean {
  return level === 'error' || level === 'fatal';
}
