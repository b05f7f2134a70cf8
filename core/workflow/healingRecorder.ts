import type { HealingEventType, HealingState } from './healingStates.ts';
import { ConcurrentAppendError, type HealingStore } from './healingStore.ts';
import { deriveState, type HealingEvent, nextState } from './healingWorkflow.ts';

export interface HealingMeta {
  fingerprint: string;
  service: string;
  category: string;
}

/**
 * Records a healing's events through the workflow: every event is checked against the state derived from the
 * events so far, then appended with the next sequence number. A concurrent writer makes the append fail; the
 * recorder reloads and re-checks once, so two writers can never both move the healing out of the same state.
 */
export class HealingRecorder {
  private constructor(
    private readonly store: HealingStore,
    readonly id: string,
    private history: HealingEvent[],
    readonly meta: HealingMeta,
    private readonly now: () => Date,
  ) {}

  static async open(store: HealingStore, id: string, meta: HealingMeta, now: () => Date = () => new Date()) {
    const events = await store.events(id);
    deriveState(events);
    return new HealingRecorder(store, id, events, meta, now);
  }

  get state(): HealingState | null {
    return deriveState(this.history);
  }

  get events(): readonly HealingEvent[] {
    return this.history;
  }

  async record(
    type: HealingEventType,
    reason: string,
    data: Record<string, unknown> = {},
    actor = 'homeostasis',
  ): Promise<HealingEvent> {
    for (let attempt = 0; ; attempt++) {
      const state = nextState(this.state, type);
      const event: HealingEvent = {
        healingId: this.id,
        seq: this.history.length + 1,
        type,
        at: this.now().toISOString(),
        reason,
        actor,
        data,
      };
      try {
        await this.store.append(event, { ...this.meta, state: state ?? 'detected' });
        this.history = [...this.history, event];
        return event;
      } catch (error) {
        if (!(error instanceof ConcurrentAppendError) || attempt > 0) throw error;
        this.history = await this.store.events(this.id);
      }
    }
  }
}
