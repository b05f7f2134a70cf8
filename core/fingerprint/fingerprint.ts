import { createHash } from 'node:crypto';
import type { Frame } from '../schema/errorEvent.ts';
import { normalizeMessage } from './normalizeMessage.ts';

/**
 * Fingerprint algorithm v1: error type + in-app frames (file stem and function, innermost first, no line
 * numbers) + the normalized message when no in-app frame exists. Bump the version whenever the parts or their normalization change: stored
 * fingerprints of another version are not comparable.
 */
export const FINGERPRINT_ALGORITHM = 'homeostasis-fp-v1';

/** At most this many in-app frames go in: deeper callers vary with the entry point, not with the bug. */
const MAX_FRAMES = 5;

export interface FingerprintInput {
  errorType: string;
  message: string;
  frames: readonly Frame[];
}

/** Everything that went into a fingerprint, so `homeostasis explain` can show why events grouped. */
export interface FingerprintParts {
  algorithm: string;
  errorType: string;
  /** `file-stem:function` of the in-app frames, innermost first. */
  frames: string[];
  /** True when no frame was in-app and the top frames of any kind were used instead. */
  framesFallback: boolean;
  normalizedMessage: string;
  /**
   * Whether the normalized message went into the hash. It does only when no in-app frame locates the error:
   * where the code is known, the message's wording can still carry data masking cannot reach (V8 quotes the bad
   * JSON and names the failing token), and the same bug would split into many groups (Sentry groups the same way).
   */
  messageUsed: boolean;
}

export interface Fingerprint {
  value: string;
  parts: FingerprintParts;
}

export function computeFingerprint(input: FingerprintInput): Fingerprint {
  const inApp = input.frames.filter((f) => f.inApp);
  const chosen = inApp.length > 0 ? inApp : input.frames;
  const frames: string[] = [];
  for (const frame of chosen) {
    const key = `${fileStem(frame.file)}:${functionKey(frame.function)}`;
    if (frames[frames.length - 1] !== key) frames.push(key); // recursion collapses to one entry
    if (frames.length === MAX_FRAMES) break;
  }
  const parts: FingerprintParts = {
    algorithm: FINGERPRINT_ALGORITHM,
    errorType: input.errorType,
    frames,
    framesFallback: inApp.length === 0 && frames.length > 0,
    normalizedMessage: normalizeMessage(input.message),
    messageUsed: inApp.length === 0,
  };
  const hashed = [parts.algorithm, parts.errorType, ...parts.frames];
  if (parts.messageUsed) hashed.push(parts.normalizedMessage);
  const hash = createHash('sha256').update(hashed.join('\n')).digest('hex');
  return { value: hash.slice(0, 32), parts };
}

/** A short form for branch names and listings (48 bits: collisions are negligible within one service). */
export function shortFingerprint(value: string): string {
  return value.slice(0, 12);
}

/**
 * The last two path segments without extension: stable across deploy roots (`/var/task`, `/tmp/x/srv/orders`)
 * and across compiled and source files (`dist/src/pricing.js` and `src/pricing.ts` both give `src/pricing`).
 */
export function fileStem(file: string): string {
  const path = file.replace(/^file:\/\//, '').replace(/\\/g, '/');
  const segments = path.split('/').filter((s) => s.length > 0);
  const tail = segments.slice(-2);
  const last = tail.length - 1;
  if (last >= 0) tail[last] = (tail[last] ?? '').replace(/\.[A-Za-z0-9]+$/, '');
  return tail.join('/');
}

/** Function names without numbering that changes between builds (Java `lambda$main$0`, Go `func1`, V8 `async`). */
function functionKey(name: string | null): string {
  if (!name) return '?';
  return name
    .replace(/^async /, '')
    .replace(/\$\d+/g, '$N')
    .replace(/\.func\d+(\.\d+)*/g, '.funcN');
}
