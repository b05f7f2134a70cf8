import { createHash } from 'node:crypto';
import type { Frame } from '../schema/errorEvent.ts';
import { normalizeMessage } from './normalizeMessage.ts';

/**
 * Fingerprint algorithm v2: error type + the innermost in-app frame (file stem and function, no line number) + the
 * normalized message when no in-app frame exists.
 *
 * v1 hashed up to five in-app frames. The accuracy benchmark showed why that splits one bug: how much of the caller
 * chain a trace shows depends on how it was printed, not on the bug — Python's `logging.exception` prints the
 * traceback from the handler's frame down, an uncaught crash from `<module>` down (and V8 async stacks vary the same
 * way). The innermost in-app frame is where the error is raised and where the fix goes; it is in every printing. Bump the version whenever the parts or their normalization change: stored
 * fingerprints of another version are not comparable.
 */
export const FINGERPRINT_ALGORITHM = 'homeostasis-fp-v2';

/** Frames that go in: the innermost in-app one (see above; v1 used 5). */
const MAX_FRAMES = 1;

export interface FingerprintInput {
  errorType: string;
  message: string;
  frames: readonly Frame[];
}

/** Everything that went into a fingerprint, so `homeostasis explain` can show why events grouped. */
export interface FingerprintParts {
  algorithm: string;
  errorType: string;
  /** `file-stem:function` of the frame(s) hashed: the innermost in-app frame. */
  frames: string[];
  /** The other in-app frames, innermost first, shown by `explain` for reference; not hashed. */
  callers: string[];
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
  const keys: string[] = [];
  for (const frame of chosen) {
    const key = `${fileStem(frame.file)}:${functionKey(frame.function)}`;
    if (keys[keys.length - 1] !== key) keys.push(key); // recursion collapses to one entry
  }
  const frames = keys.slice(0, MAX_FRAMES);
  const parts: FingerprintParts = {
    algorithm: FINGERPRINT_ALGORITHM,
    errorType: input.errorType,
    frames,
    callers: inApp.length > 0 ? keys.slice(MAX_FRAMES) : [],
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
