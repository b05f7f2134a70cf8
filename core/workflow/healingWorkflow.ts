import { type HealingEventType, type HealingState, TRANSITIONS } from './healingStates.ts';

/** One appended fact about a healing. `seq` starts at 1 and has no gaps: stores use it for conditional appends. */
export interface HealingEvent {
  healingId: string;
  seq: number;
  type: HealingEventType;
  /** ISO-8601 time the event was recorded. */
  at: string;
  /** One sentence a person can read in the timeline. */
  reason: string;
  /** Who caused it: `homeostasis` for automatic steps, a user for decisions. */
  actor: string;
  data: Record<string, unknown>;
}

export class WorkflowError extends Error {
  override name = 'WorkflowError';
}

export class IllegalTransitionError extends WorkflowError {
  override name = 'IllegalTransitionError';
  constructor(
    readonly from: HealingState | null,
    readonly eventType: string,
  ) {
    super(`event '${eventType}' is not allowed in state '${from ?? '(new)'}'`);
  }
}

/** The state after `type` happens in `state`; throws when the workflow does not allow it. */
export function nextState(state: HealingState | null, type: HealingEventType): HealingState | null {
  const rule = TRANSITIONS[type];
  if (!(rule.from as readonly (HealingState | null)[]).includes(state)) throw new IllegalTransitionError(state, type);
  return rule.to ?? state;
}

/** Replays events into the current state, checking every transition and the sequence numbering. */
export function deriveState(events: readonly HealingEvent[]): HealingState | null {
  let state: HealingState | null = null;
  events.forEach((event, i) => {
    if (event.seq !== i + 1) throw new WorkflowError(`event sequence broken at ${event.seq}, expected ${i + 1}`);
    state = nextState(state, event.type);
  });
  return state;
}
