import { type NormalizedLevel, normalizeLevel } from './logLevel.ts';
import { matchTimestamp } from './timestamp.ts';

/**
 * The metadata of a text log line, read from its prefix: the line printed just before a trace (Python
 * `logging.exception`, logback, Go's `log`) says when, at what level and why. Shapes read:
 *   `2026-11-24 10:00:00.123 ERROR [main] c.e.OrderService - failed`   logback default
 *   `2026-11-24 20:40:26,561 ERROR [orders] failed to price order`     Python logging with a format
 *   `ERROR:root:failed to price order`                                 Python logging default
 *   `2026/11/24 10:00:00 order total mismatch`                         Go `log`
 *   `[2026-11-24T10:00:00Z] ERROR: failed`, `time="..." level=error msg="failed"` (logrus)
 */
export interface LogPrefix {
  timestamp: string | null;
  level: NormalizedLevel | null;
  /** The rest of the line after the timestamp and level (and a logback `logger - `). */
  message: string;
}

/** Tokens after the timestamp where the level may be: logback puts `[thread]` first, log4j too. */
const LEVEL_TOKEN_WINDOW = 3;

/**
 * The level a token names: `ERROR`, `error:` (winston's simple format), `[Error]`, `level=error`. A capitalized bare
 * word (`Error: boom`) is an error's name or a sentence, not a level.
 */
function levelToken(token: string): NormalizedLevel | null {
  let start = 0;
  let end = token.length;
  while (start < end && '[(<'.includes(token.charAt(start))) start++;
  while (end > start && '])>:'.includes(token.charAt(end - 1))) end--;
  let word = token.slice(start, end);
  const bracketed = start > 0;
  if (word.startsWith('level=')) word = word.slice(6);
  else if (!bracketed && word !== word.toUpperCase() && word !== word.toLowerCase()) return null;
  return normalizeLevel(word);
}

/** Python's default `LEVEL:logger:message`. */
function pythonDefault(line: string): LogPrefix | null {
  const colon = line.indexOf(':');
  if (colon < 4 || colon > 8) return null;
  const level = normalizeLevel(line.slice(0, colon));
  const second = line.indexOf(':', colon + 1);
  if (level === null || second === -1 || line.slice(0, colon) !== line.slice(0, colon).toUpperCase()) return null;
  return { timestamp: null, level, message: line.slice(second + 1) };
}

export function parseLogPrefix(line: string): LogPrefix | null {
  const python = pythonDefault(line);
  if (python !== null) return python;

  let position = 0;
  while (line.charCodeAt(position) === 0x20) position++;
  // `[2026-11-24T10:00:00Z]`: a bracketed time; `[WARN]` is left for the level.
  if (line.charCodeAt(position) === 0x5b /* [ */ && /\d/.test(line.charAt(position + 1))) position++;
  const timeKey = line.startsWith('time="', position) ? 6 : 0;
  const time = matchTimestamp(line.slice(position + timeKey, position + timeKey + 40));
  if (time !== null) position += timeKey + time.length;
  if (line.charCodeAt(position) === 0x22 /* " */ || line.charCodeAt(position) === 0x5d /* ] */) position++;

  let level: NormalizedLevel | null = null;
  let cursor = position;
  for (let token = 0; token < LEVEL_TOKEN_WINDOW && level === null; token++) {
    while (line.charCodeAt(cursor) === 0x20) cursor++;
    if (cursor >= line.length) break;
    let end = line.indexOf(' ', cursor);
    if (end === -1) end = line.length;
    level = levelToken(line.slice(cursor, end));
    cursor = end;
  }
  if (time === null && level === null) return null;

  let message = (level === null ? line.slice(position) : line.slice(cursor)).trim();
  if (message.startsWith('[')) {
    // `[thread]` (logback) or `[logger]` (a Python format) before the message.
    const close = message.indexOf('] ');
    if (close !== -1 && close < 80) message = message.slice(close + 2);
  }
  const loggerDash = message.indexOf(' - ');
  // logback/log4j put `logger - ` before the message; a short, space-free head is a logger name.
  if (loggerDash > 0 && loggerDash < 80 && !message.slice(0, loggerDash).includes(' ')) {
    message = message.slice(loggerDash + 3);
  }
  if (message.startsWith('msg="') && message.endsWith('"')) message = message.slice(5, -1);
  return { timestamp: time?.iso ?? null, level, message };
}
