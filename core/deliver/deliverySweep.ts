import { approvalStatus } from '../approve/approvalStatus.ts';
import { killSwitchGate } from '../limits/admitDelivery.ts';
import type { ControlStore } from '../limits/controlStore.ts';
import type { LimitPolicy } from '../limits/limitPolicy.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { HealingStore, HealingSummary } from '../workflow/healingStore.ts';
import {
  type ApprovedDeliveryDeps,
  type ApprovedDeliveryOutcome,
  deliverApprovedHealing,
  progressiveDepsOf,
  verifyDeliveredHealing,
} from './deliverApprovedHealing.ts';
import {
  type DeliveryOutcome,
  type DeliveryStarted,
  deliveryStartedOf,
  recordResume,
  rollBackDelivery,
} from './progressiveDelivery.ts';
import { HealingStoreObservation } from './progressiveObservation.ts';
import type { ProgressivePolicy } from './progressivePlan.ts';
import { DeliveryStateError, type DeliveryTarget } from './progressivePorts.ts';
import type { ServicePlan } from './servicePlan.ts';

/** What the sweep needs to know of a healing to find its delivery: the summary's identifying fields. */
export type HealingRef = Pick<HealingSummary, 'id' | 'fingerprint' | 'service' | 'category'>;

/** A person's say on a delivery; recorded as the event's actor and reason. */
export interface DeliveryDecision {
  actor: string;
  reason: string;
}

/**
 * A person steering a delivery after it started (core/operate's HealingDesk asks it; the orchestrator's
 * DeliverySweeper answers). Both throw DeliveryStateError when the healing's state does not allow the step.
 */
export interface DeliverySteering {
  /** Lets a paused delivery go on with its next step, in the background. */
  resume(healing: HealingRef, decision: DeliveryDecision): Promise<void>;
  /** Puts all traffic back on the version that served before the delivery (paused or delivered). */
  rollBack(healing: HealingRef, decision: DeliveryDecision): Promise<DeliveryOutcome>;
}

/**
 * A `delivering` healing nobody has recorded progress on for its plan's longest bake, two polls and this margin is
 * taken as orphaned: the orchestrator that ran it stopped without draining (killed, its task lost).
 */
export const DEFAULT_ORPHAN_MARGIN_MS = 300_000;

/** Where one healing's patch goes and how it is delivered: from its service's registry entry. */
export interface DeliverySetup {
  target: DeliveryTarget;
  plan: ServicePlan;
}

export type SweepLog = (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;

export interface DeliverySweepDeps {
  store: HealingStore;
  control: ControlStore;
  limits: LimitPolicy;
  /** The healing's service delivery; null when its service has none the orchestrator runs (left alone). */
  setupFor(healing: HealingRef): Promise<DeliverySetup | null>;
  /** Deliveries this process runs at once; a healing over the cap waits for a later sweep (a resume is not capped). */
  concurrency: number;
  /** @default DEFAULT_ORPHAN_MARGIN_MS */
  orphanMarginMs?: number;
  log: SweepLog;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface SweepReport {
  /** Deliveries started by this sweep (they go on in the background: see `settled`). */
  started: string[];
  /** Approved healings over the concurrency cap, left for a later sweep. */
  deferred: string[];
  /** Delivered healings looked at, with what the look found. */
  verification: { id: string; outcome: string }[];
  /** `delivering` healings no process had moved for too long, paused for a person (see DEFAULT_ORPHAN_MARGIN_MS). */
  orphaned: string[];
  failed: { id: string; message: string }[];
}

/**
 * The orchestrator's delivery pass over the healings store (the AWS-mode counterpart of the heal loop's gate):
 *   awaiting-approval with its approvals complete → deliverApprovedHealing, in the background, at most
 *     `concurrency` at once and never twice for the same healing in this process (a bake lasts minutes; the sweep
 *     of the others must not wait for it);
 *   delivered → one verification look (verifyDeliveredHealing).
 *   delivering, not run here, and silent for longer than its plan allows → paused as orphaned (the process that ran
 *     it died without draining); the traffic stays as it is until a person resumes or rolls it back.
 * `delivery-paused` healings wait for a person: `resume` and `rollBack` (DeliverySteering). A `delivering` healing
 * belongs to the process that started it. A second orchestrator instance sweeping the same store loses the
 * conditional append of `delivery-started` and stops (deliverApprovedHealing). Stopping the sweeper makes the
 * deliveries in flight hold at their next kill-switch check (and roll back): a canary whose controller is gone would
 * run unjudged.
 */
export class DeliverySweeper implements DeliverySteering {
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(private readonly deps: DeliverySweepDeps) {}

  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { started: [], deferred: [], verification: [], orphaned: [], failed: [] };
    if (this.stopping) return report;
    for (const healing of await this.deps.store.list({ state: 'awaiting-approval' })) {
      if (this.running.has(healing.id)) continue;
      await this.startDelivery(healing, report).catch((error: unknown) =>
        report.failed.push({ id: healing.id, message: messageOf(error) }),
      );
    }
    for (const healing of await this.deps.store.list({ state: 'delivered' })) {
      if (this.running.has(healing.id)) continue;
      await this.verify(healing, report).catch((error: unknown) =>
        report.failed.push({ id: healing.id, message: messageOf(error) }),
      );
    }
    for (const healing of await this.deps.store.list({ state: 'delivering' })) {
      if (this.running.has(healing.id)) continue;
      await this.pauseIfOrphaned(healing, report).catch((error: unknown) =>
        report.failed.push({ id: healing.id, message: messageOf(error) }),
      );
    }
    return report;
  }

  /**
   * A person lets a paused delivery go on: `delivery-resumed` is recorded before this returns, and the remaining
   * steps run in the background, judged and kill-switch-checked like the first ones. Refused while the kill switch
   * is on (the first step would only be held and rolled back) and while this process shuts down.
   */
  async resume(healing: HealingRef, decision: DeliveryDecision): Promise<void> {
    if (this.stopping) throw new DeliveryStateError('the orchestrator is shutting down: resume on another instance');
    if (this.running.has(healing.id)) throw new DeliveryStateError(`healing ${healing.id} is being delivered now`);
    const setup = await this.setupOrRefuse(healing);
    const killSwitch = await killSwitchGate({ control: this.deps.control })();
    if (!killSwitch.admitted) throw new DeliveryStateError(`not resumed: ${killSwitch.detail}`);
    const recorder = await this.open(healing);
    const rest = await recordResume(recorder, decision);
    const fields = { healingId: healing.id, target: setup.target.name, actor: decision.actor };
    this.deps.log('info', 'delivery resumed', fields);
    const run = rest(progressiveDepsOf(this.approvedDeps(setup)))
      .then(
        (outcome) =>
          this.deps.log(outcome.outcome === 'delivered' ? 'info' : 'warn', `delivery ${outcome.outcome}`, {
            ...fields,
            ...outcome,
          }),
        (error: unknown) => this.deps.log('error', 'resumed delivery failed', { ...fields, error: messageOf(error) }),
      )
      .finally(() => this.running.delete(healing.id));
    this.running.set(healing.id, run);
  }

  /**
   * A person ends a paused delivery, or takes back a delivered one: all traffic on the version that served before
   * the delivery, `rolled-back` recorded with the person as actor. A delivery running in this process is stopped
   * with the kill switch instead (it holds and rolls back at its next check).
   */
  async rollBack(healing: HealingRef, decision: DeliveryDecision): Promise<DeliveryOutcome> {
    if (this.running.has(healing.id)) {
      throw new DeliveryStateError(
        `healing ${healing.id} is being delivered now: turn the kill switch on to hold it and roll it back`,
      );
    }
    const setup = await this.setupOrRefuse(healing);
    const recorder = await this.open(healing);
    if (recorder.state !== 'delivery-paused' && recorder.state !== 'delivered') {
      throw new DeliveryStateError(
        `healing ${healing.id} is ${recorder.state ?? 'new'}: only a paused or delivered delivery is rolled back by hand`,
      );
    }
    const outcome = await rollBackDelivery(recorder, setup.target, decision);
    this.deps.log('warn', 'delivery rolled back by hand', { healingId: healing.id, actor: decision.actor });
    return outcome;
  }

  /** A delivery of this sweep to `setup`'s target: held by the kill switch, the hour's limits and this shutdown. */
  private approvedDeps(setup: DeliverySetup): ApprovedDeliveryDeps {
    return {
      control: this.deps.control,
      limits: this.deps.limits,
      target: setup.target,
      observation: new HealingStoreObservation(this.deps.store, this.deps.now),
      policy: setup.plan.policy,
      stopping: () => this.stopping,
      ...(this.deps.now ? { now: this.deps.now } : {}),
      ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
    };
  }

  private async setupOrRefuse(healing: HealingRef): Promise<DeliverySetup> {
    const setup = await this.deps.setupFor(healing);
    if (!setup) throw new DeliveryStateError(`service ${healing.service} has no delivery this orchestrator runs`);
    return setup;
  }

  /**
   * A `delivering` healing is recorded at every step; a live controller is silent at most for a step's bake and a
   * poll or two. Silent for longer than the plan's longest bake, two polls and the margin, its controller is gone:
   * recorded as `delivery-paused` (the traffic is left where the target says it is; a person resumes or rolls
   * back). If its controller was only slow, its next append loses to this one and it stops (superseded).
   */
  private async pauseIfOrphaned(healing: HealingSummary, report: SweepReport): Promise<void> {
    const now = (this.deps.now ?? (() => new Date()))();
    const marginMs = this.deps.orphanMarginMs ?? DEFAULT_ORPHAN_MARGIN_MS;
    // Every allowance is at least the margin: a healing whose summary moved within it is live; nothing more is read.
    if (now.getTime() - Date.parse(healing.updatedAt) <= marginMs) return;
    const setup = await this.deps.setupFor(healing);
    if (!setup) return;
    const recorder = await this.open(healing);
    const last = recorder.events.at(-1);
    if (recorder.state !== 'delivering' || !last) return;
    const started = deliveryStartedOf(recorder);
    const silentMs = now.getTime() - Date.parse(last.at);
    const allowedMs = orphanAfterMs(started, setup.plan.policy, marginMs);
    if (silentMs <= allowedMs) return;
    const traffic = await setup.target.describe().catch(() => null);
    const where = traffic
      ? `${traffic.stable} serves${traffic.canary ? `, ${traffic.canary} takes ${traffic.weight} %` : ''}`
      : 'the target could not be read';
    const why = `no orchestrator recorded progress for ${Math.round(silentMs / 1000)} s (allowed ${Math.round(allowedMs / 1000)} s): the one that ran it stopped`;
    await recorder.record('delivery-paused', `${why}; ${where}`, {
      weight: traffic?.canary ? traffic.weight : 0,
      why,
      orphaned: true,
      traffic,
    });
    report.orphaned.push(healing.id);
    this.deps.log('warn', 'orphaned delivery paused', { healingId: healing.id, silentMs, traffic });
  }

  /** Resolves when every delivery started so far has ended (a test, or shutdown). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** No new deliveries; those in flight are held (and rolled back) at their next check. */
  stop(): void {
    this.stopping = true;
  }

  /** Healings this process is delivering now. */
  get inFlight(): string[] {
    return [...this.running.keys()];
  }

  private async open(healing: HealingRef): Promise<HealingRecorder> {
    const { fingerprint, service, category } = healing;
    return HealingRecorder.open(this.deps.store, healing.id, { fingerprint, service, category }, this.deps.now);
  }

  private async startDelivery(healing: HealingSummary, report: SweepReport): Promise<void> {
    const recorder = await this.open(healing);
    if (recorder.state !== 'awaiting-approval' || !approvalStatus(recorder.events).approved) return;
    if (failedBefore(recorder)) return;
    const setup = await this.deps.setupFor(healing);
    if (!setup) return;
    if (this.running.size >= this.deps.concurrency) {
      report.deferred.push(healing.id);
      return;
    }
    const run = this.deliver(recorder, setup).finally(() => this.running.delete(healing.id));
    this.running.set(healing.id, run);
    report.started.push(healing.id);
  }

  private async deliver(recorder: HealingRecorder, setup: DeliverySetup): Promise<void> {
    const fields = { healingId: recorder.id, service: recorder.meta.service, target: setup.target.name };
    this.deps.log('info', 'delivery starting', fields);
    let outcome: ApprovedDeliveryOutcome;
    try {
      outcome = await deliverApprovedHealing(recorder, this.approvedDeps(setup));
    } catch (error) {
      // A publish refused because another instance's canary already runs on the target is a lost race too.
      const stored = await this.deps.store.events(recorder.id).catch(() => null);
      const moved = (stored?.length ?? 0) > recorder.events.length;
      if (moved) {
        this.deps.log('info', 'delivery superseded', { ...fields, error: messageOf(error) });
        return;
      }
      this.deps.log('error', 'delivery failed', { ...fields, error: messageOf(error) });
      await this.escalateFailure(recorder, error).catch((failure: unknown) =>
        this.deps.log('error', 'recording the failed delivery failed', { ...fields, error: messageOf(failure) }),
      );
      return;
    }
    const level = outcome.outcome === 'delivered' || outcome.outcome === 'superseded' ? 'info' : 'warn';
    this.deps.log(level, `delivery ${outcome.outcome}`, { ...fields, ...outcome });
  }

  /**
   * A delivery that failed before it started (the bundle refused, the target unreachable) is escalated and not
   * retried by later sweeps: each attempt takes one of the hour's deployments, and a failure that repeats every
   * sweep would spend the budget of every other healing. (A failure after `delivery-started` leaves the healing
   * `delivering`, or `escalated` by the rollback that failed: not swept again either.)
   */
  private async escalateFailure(recorder: HealingRecorder, error: unknown): Promise<void> {
    if (recorder.state !== 'awaiting-approval') return;
    await recorder.record('escalated', `delivery failed before it started: ${messageOf(error)}`, {
      reason: DELIVERY_FAILED,
      error: messageOf(error),
    });
  }

  private async verify(healing: HealingSummary, report: SweepReport): Promise<void> {
    const setup = await this.deps.setupFor(healing);
    if (!setup) return;
    const recorder = await this.open(healing);
    if (recorder.state !== 'delivered') return;
    const result = await verifyDeliveredHealing(recorder, {
      target: setup.target,
      observation: new HealingStoreObservation(this.deps.store, this.deps.now),
      ...setup.plan.verification,
      ...(this.deps.now ? { now: this.deps.now } : {}),
    });
    report.verification.push({ id: healing.id, outcome: result.outcome });
    if (result.outcome !== 'pending') {
      const level = result.outcome === 'verified' || result.outcome === 'superseded' ? 'info' : 'warn';
      this.deps.log(level, `verification ${result.outcome}`, { healingId: healing.id, ...result });
    }
  }
}

const DELIVERY_FAILED = 'delivery-failed';

/** How long a live controller may leave a `delivering` healing without an event (see pauseIfOrphaned). */
export function orphanAfterMs(started: DeliveryStarted, policy: ProgressivePolicy, marginMs: number): number {
  const longestBake = Math.max(0, ...started.steps.map((s) => s.bakeMs), policy.graceMs);
  return longestBake + 2 * policy.pollMs + marginMs;
}

/** Whether an earlier sweep's delivery of this healing failed and was escalated to a person. */
function failedBefore(recorder: HealingRecorder): boolean {
  return recorder.events.some((e) => e.type === 'escalated' && e.data['reason'] === DELIVERY_FAILED);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
