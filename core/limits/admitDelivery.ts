import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import { ADMITTED, type Admission, type LimitName } from './admission.ts';
import type { ControlStore, KillSwitchState } from './controlStore.ts';
import type { LimitPolicy } from './limitPolicy.ts';

export interface DeliveryLimitDeps {
  control: ControlStore;
  policy: LimitPolicy;
  now?: () => Date;
}

export type DeliveryContinuation = { continue: true } | { continue: false; limit: LimitName; detail: string };

/**
 * Asked by a progressive delivery between its steps: may it go on? Only the kill switch stops a delivery in flight
 * (the per-hour budget was paid when it started). The caller records the hold (see holdDelivery) and rolls back.
 */
export async function deliveryMayContinue(deps: { control: ControlStore }): Promise<DeliveryContinuation> {
  const switched = await deps.control.killSwitch();
  if (switched?.on) return { continue: false, limit: 'kill-switch', detail: killSwitchDetail(switched) };
  return { continue: true };
}

/**
 * deliveryMayContinue in the admission shape, for core/deliver's `MayContinue` port (progressiveDelivery.ts asks it
 * before every step and at every poll of a bake, and records the hold itself).
 */
export function killSwitchGate(deps: { control: ControlStore }): () => Promise<Admission> {
  return async () => {
    const continuation = await deliveryMayContinue(deps);
    return continuation.continue
      ? ADMITTED
      : { admitted: false, limit: continuation.limit, detail: continuation.detail };
  };
}

/**
 * May an approved healing be delivered now? The kill switch holds every delivery; a delivery that starts (the
 * healing is still awaiting approval) also takes one of the hour's deployments. A refusal records `delivery-held`
 * with data {limit, detail} (and for the kill switch {by, reason}); the caller tries again later.
 */
export async function admitDelivery(recorder: HealingRecorder, deps: DeliveryLimitDeps): Promise<Admission> {
  const switched = await deps.control.killSwitch();
  if (switched?.on) {
    const hold = { limit: 'kill-switch', detail: killSwitchDetail(switched) } as const;
    await holdDelivery(recorder, hold, { by: switched.by, reason: switched.reason });
    return { admitted: false, ...hold };
  }
  if (recorder.state !== 'awaiting-approval') return ADMITTED;
  const now = (deps.now ?? (() => new Date()))();
  if (await deps.control.take('deployment', now, deps.policy.deploymentsPerHour)) return ADMITTED;
  const refusal = {
    limit: 'deployments-per-hour',
    detail: `${deps.policy.deploymentsPerHour} deployment(s) already started this hour`,
  } as const;
  await holdDelivery(recorder, refusal);
  return { admitted: false, ...refusal };
}

/**
 * Records that a limit held the healing's delivery. A delivery retried while the same limit still holds it does not
 * record the same hold again: the timeline says it once, not once per retry.
 */
export async function holdDelivery(
  recorder: HealingRecorder,
  hold: { limit: LimitName; detail: string },
  extra: Record<string, unknown> = {},
): Promise<void> {
  const last = recorder.events.at(-1);
  if (last?.type === 'delivery-held' && last.data['limit'] === hold.limit) return;
  await recorder.record('delivery-held', `delivery held: ${hold.detail}`, {
    limit: hold.limit,
    detail: hold.detail,
    ...extra,
  });
}

/**
 * Takes one of the hour's patches when a healing is about to generate its candidates (one per healing, however many
 * candidates it writes). A refusal ends the healing as `no-fix` with data {limit, detail}: the workflow has no
 * "held" state before candidates exist, and the next occurrence after the cool-down opens a new healing.
 */
export async function admitPatch(recorder: HealingRecorder, deps: DeliveryLimitDeps): Promise<Admission> {
  const now = (deps.now ?? (() => new Date()))();
  if (await deps.control.take('patch', now, deps.policy.patchesPerHour)) return ADMITTED;
  const detail = `${deps.policy.patchesPerHour} patch generation(s) already ran this hour`;
  await recorder.record('no-fix', `patches per hour limit reached: ${detail}`, { limit: 'patches-per-hour', detail });
  return { admitted: false, limit: 'patches-per-hour', detail };
}

function killSwitchDetail(state: KillSwitchState): string {
  return `kill switch turned on by ${state.by} at ${state.at}: ${state.reason}`;
}
