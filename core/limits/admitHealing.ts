import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { HealingStore } from '../workflow/healingStore.ts';
import { ADMITTED, type Admission, type LimitName } from './admission.ts';
import type { ControlStore } from './controlStore.ts';
import { judgeFingerprint, type PastHealing } from './fingerprintPolicy.ts';
import type { LimitPolicy } from './limitPolicy.ts';

export interface HealingLimitDeps {
  store: HealingStore;
  control: ControlStore;
  policy: LimitPolicy;
  now?: () => Date;
}

/**
 * May a just-detected healing go on to analysis? Checks the fingerprint's attempts and cool-down, then takes one of
 * the hour's healings. A refusal records `suppressed` with data {limit, detail}: the healing exists, is final, and
 * keeps the fingerprint's claim, so the ingest cool-down stops a storm from opening one suppressed healing per log
 * line. After `escalateAfterFailures` failed attempts (within the window) `escalated` is recorded once, data
 * {failures}. Calling it again on a healing past `detected` answers from its events and records nothing.
 */
export async function admitHealing(recorder: HealingRecorder, deps: HealingLimitDeps): Promise<Admission> {
  if (recorder.state === 'suppressed') return refusalOf(recorder);
  if (recorder.state !== 'detected') return ADMITTED;
  const now = (deps.now ?? (() => new Date()))();
  const history = await deps.store.list({ fingerprint: recorder.meta.fingerprint });
  const verdict = judgeFingerprint(history, recorder.id, now, deps.policy);
  if (verdict.failures >= deps.policy.escalateAfterFailures && !(await escalatedBefore(history, recorder, now, deps))) {
    await recorder.record(
      'escalated',
      `${verdict.failures} attempt(s) to heal this error failed: a person should look at it`,
      { failures: verdict.failures },
    );
  }
  if (!verdict.admitted) return suppress(recorder, verdict.limit, verdict.detail);
  if (!(await deps.control.take('healing', now, deps.policy.healingsPerHour))) {
    return suppress(
      recorder,
      'healings-per-hour',
      `${deps.policy.healingsPerHour} healing(s) already started this hour`,
    );
  }
  return ADMITTED;
}

async function suppress(recorder: HealingRecorder, limit: LimitName, detail: string): Promise<Admission> {
  await recorder.record('suppressed', `suppressed by the ${limit} limit: ${detail}`, { limit, detail });
  return { admitted: false, limit, detail };
}

/** Was the fingerprint escalated by a healing that started within the attempt window? Then not again. */
async function escalatedBefore(
  history: readonly PastHealing[],
  recorder: HealingRecorder,
  now: Date,
  deps: HealingLimitDeps,
): Promise<boolean> {
  if (recorder.events.some((e) => e.type === 'escalated')) return true;
  const recent = history.filter(
    (h) => h.id !== recorder.id && now.getTime() - Date.parse(h.createdAt) < deps.policy.attemptWindowMs,
  );
  for (const healing of recent) {
    const events = await deps.store.events(healing.id);
    if (events.some((e) => e.type === 'escalated')) return true;
  }
  return false;
}

function refusalOf(recorder: HealingRecorder): Admission {
  const data = recorder.events.findLast((e) => e.type === 'suppressed')?.data ?? {};
  const limit = typeof data['limit'] === 'string' ? (data['limit'] as LimitName) : 'max-attempts';
  return { admitted: false, limit, detail: typeof data['detail'] === 'string' ? data['detail'] : 'suppressed' };
}

/** What the ingest stage needs to admit healings (its own store and clock complete the deps). */
export type IngestLimits = Pick<HealingLimitDeps, 'control' | 'policy'>;
