import { setTimeout as sleep } from 'node:timers/promises';
import { FINAL_STATES } from '../workflow/healingStates.ts';
import type { HealingStore } from '../workflow/healingStore.ts';
import { deriveState, type HealingEvent } from '../workflow/healingWorkflow.ts';
import { HealingNotFoundError } from './operateErrors.ts';

/**
 * 250 ms: a person watching a timeline sees an event within a quarter second, and a watcher costs four event reads
 * a second (one DynamoDB query each in AWS mode), which a handful of open dashboards can afford.
 */
export const WATCH_INTERVAL_MS = 250;

/**
 * A healing's events after `afterSeq`: those already recorded, then new ones as they are appended (by polling the
 * store; the store has no change feed in embedded mode). Ends when `signal` aborts, or once the events yielded reach
 * a final state (nothing more happens to the healing then, apart from a rare escalation fact).
 */
export async function* watchHealing(
  store: HealingStore,
  id: string,
  afterSeq: number,
  signal: AbortSignal,
  intervalMs = WATCH_INTERVAL_MS,
): AsyncGenerator<HealingEvent, void, undefined> {
  let seen = afterSeq;
  let first = true;
  while (!signal.aborted) {
    const events = await store.events(id);
    if (first && events.length === 0) throw new HealingNotFoundError(id);
    first = false;
    for (const event of events) {
      if (event.seq <= seen) continue;
      if (signal.aborted) return;
      seen = event.seq;
      yield event;
    }
    const state = deriveState(events);
    if (state !== null && FINAL_STATES.has(state)) return;
    try {
      await sleep(intervalMs, undefined, { signal });
    } catch {
      return; // aborted while waiting
    }
  }
}
