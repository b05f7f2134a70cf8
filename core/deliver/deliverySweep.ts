import { approvalStatus } from '../approve/approvalStatus.ts';
import type { ControlStore } from '../limits/controlStore.ts';
import type { LimitPolicy } from '../limits/limitPolicy.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { HealingStore, HealingSummary } from '../workflow/healingStore.ts';
import {
  type ApprovedDeliveryOutcome,
  deliverApprovedHealing,
  verifyDeliveredHealing,
} from './deliverApprovedHealing.ts';
import { HealingStoreObservation } from './progressiveObservation.ts';
import type { DeliveryTarget } from './progressivePorts.ts';
import type { ServicePlan } from './servicePlan.ts';

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
  setupFor(healing: HealingSummary): Promise<DeliverySetup | null>;
  /** Deliveries this process runs at once; a healing over the cap waits for a later sweep. */
  concurrency: number;
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
  failed: { id: string; message: string }[];
}

/**
 * The orchestrator's delivery pass over the healings store (the AWS-mode counterpart of the heal loop's gate):
 *   awaiting-approval with its approvals complete → deliverApprovedHealing, in the background, at most
 *     `concurrency` at once and never twice for the same healing in this process (a bake lasts minutes; the sweep
 *     of the others must not wait for it);
 *   delivered → one verification look (verifyDeliveredHealing).
 * `delivery-paused` healings wait for a person (resume or roll back); a `delivering` healing belongs to the process
 * that started it. A second orchestrator instance sweeping the same store loses the conditional append of
 * `delivery-started` and stops (deliverApprovedHealing). Stopping the sweeper makes the deliveries in flight hold
 * at their next kill-switch check (and roll back): a canary whose controller is gone would run unjudged.
 */
export class DeliverySweeper {
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(private readonly deps: DeliverySweepDeps) {}

  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { started: [], deferred: [], verification: [], failed: [] };
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
    return report;
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

  private async open(healing: HealingSummary): Promise<HealingRecorder> {
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
      outcome = await deliverApprovedHealing(recorder, {
        control: this.deps.control,
        limits: this.deps.limits,
        target: setup.target,
        observation: new HealingStoreObservation(this.deps.store, this.deps.now),
        policy: setup.plan.policy,
        stopping: () => this.stopping,
        ...(this.deps.now ? { now: this.deps.now } : {}),
        ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
      });
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

/** Whether an earlier sweep's delivery of this healing failed and was escalated to a person. */
function failedBefore(recorder: HealingRecorder): boolean {
  return recorder.events.some((e) => e.type === 'escalated' && e.data['reason'] === DELIVERY_FAILED);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
