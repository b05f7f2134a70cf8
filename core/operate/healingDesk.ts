import { type Decision, DecisionError, type RiskPolicy, type TrackRecordStore } from '../approve/approvalTypes.ts';
import { decide } from '../approve/decide.ts';
import { riskPolicyFor } from '../approve/riskPolicy.ts';
import { isLostRace } from '../deliver/deliverApprovedHealing.ts';
import type { DeliverySteering } from '../deliver/deliverySweep.ts';
import { DeliveryStateError, DeliveryTargetError } from '../deliver/progressivePorts.ts';
import { askForApproval } from '../heal/askForApproval.ts';
import { winnerOf } from '../heal/healingStages.ts';
import type { ControlStore, KillSwitchState } from '../limits/controlStore.ts';
import type { Idempotency } from '../pipeline/pipelinePorts.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { ErrorEvent } from '../schema/errorEvent.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { HealingState } from '../workflow/healingStates.ts';
import { ConcurrentAppendError, type HealingStore, type HealingSummary } from '../workflow/healingStore.ts';
import { type HealingEvent, IllegalTransitionError } from '../workflow/healingWorkflow.ts';
import { applyStageReport } from './applyStageReport.ts';
import { type HealingView, healingViewOf } from './healingView.ts';
import { WATCH_INTERVAL_MS, watchHealing } from './healingWatch.ts';
import { MemoryIdempotency } from './memoryIdempotency.ts';
import {
  DecisionRefusedError,
  DeskUnavailableError,
  HealingConflictError,
  HealingNotFoundError,
} from './operateErrors.ts';
import { compareNewestFirst, pageOf } from './pageToken.ts';
import { handOffAfter, type StageHandOff } from './stageHandOff.ts';
import type { StageReport } from './stageReport.ts';

export type { HealingView } from './healingView.ts';
export type { StageReport } from './stageReport.ts';

export interface HealingFilter {
  state?: HealingState;
  service?: string;
  category?: string;
}

export interface PageRequest {
  /** Clamped to 1..MAX_PAGE_SIZE. */
  size: number;
  /** `null` for the first page; then the `nextToken` of the page before. */
  token: string | null;
}

export interface HealingPage {
  healings: HealingSummary[];
  /** `null` on the last page. */
  nextToken: string | null;
}

/** A decision; `candidateId`, when given, must name the validated winner (a stale screen decides nothing). */
export interface DeskDecision extends Decision {
  candidateId?: string | null;
}

export interface HealingDeskDeps {
  store: HealingStore;
  trackRecords: TrackRecordStore;
  /** The kill switch; without it killSwitch()/setKillSwitch() throw DeskUnavailableError. */
  control?: ControlStore;
  /** Resumes and rolls back deliveries (the orchestrator's delivery sweep); without it steerDelivery is unavailable. */
  deliveries?: DeliverySteering;
  /** Where an applied report hands the healing on (the pipeline's stage queues); absent: nowhere (embedded). */
  handOff?: StageHandOff;
  /** Which stage reports were applied. @default MemoryIdempotency (right for one process only) */
  idempotency?: Idempotency;
  now?: () => Date;
  /** The risk policy of a healing's environment (its event's). @default riskPolicyFor */
  riskPolicy?: (environment: string) => RiskPolicy;
  /** @default WATCH_INTERVAL_MS */
  watchIntervalMs?: number;
}

/** Pages larger than this are cut: a page is one store read plus its encoding, which must stay well under a second. */
export const MAX_PAGE_SIZE = 200;

/**
 * Concurrent validators finish together and each lost append means a reload; as core/pipeline/stageRunners.ts,
 * eight attempts cover a batch of ten candidates reported at once.
 */
const REPORT_ATTEMPTS = 8;

/**
 * The one facade through which the gRPC orchestrator, the REST API, the CLI and the dashboard read and decide
 * healings. It holds no state of its own: everything is read from and recorded in the HealingStore through the
 * core's recorder, so any number of desks (processes) may serve the same store.
 */
export class HealingDesk {
  private readonly idempotency: Idempotency;
  private readonly now: () => Date;
  private readonly riskPolicy: (environment: string) => RiskPolicy;

  constructor(private readonly deps: HealingDeskDeps) {
    this.idempotency = deps.idempotency ?? new MemoryIdempotency();
    this.now = deps.now ?? (() => new Date());
    this.riskPolicy = deps.riskPolicy ?? ((environment) => riskPolicyFor(environment));
  }

  /** Newest first. The category filter applies to the listed category (the analysis' once analyzed). */
  async list(filter: HealingFilter, page: PageRequest): Promise<HealingPage> {
    const listed = await this.deps.store.list({
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.service ? { service: filter.service } : {}),
    });
    const matching = filter.category ? listed.filter((h) => h.category === filter.category) : listed;
    const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.size) || 1));
    return pageOf([...matching].sort(compareNewestFirst), { size, token: page.token });
  }

  /** @throws HealingNotFoundError */
  async get(id: string): Promise<HealingView> {
    const recorder = await this.open(id);
    return this.viewOf(recorder);
  }

  /**
   * The healing's events after `afterSeq` (0 = all), then each new one as it is recorded; ends when `signal`
   * aborts or the healing reaches a final state. @throws HealingNotFoundError (on the first iteration)
   */
  watch(id: string, afterSeq: number, signal: AbortSignal): AsyncIterable<HealingEvent> {
    return watchHealing(this.deps.store, id, afterSeq, signal, this.deps.watchIntervalMs ?? WATCH_INTERVAL_MS);
  }

  /**
   * A person's approval or rejection (core/approve decide()), recorded with the actor and reason.
   * @throws HealingNotFoundError, DecisionRefusedError, HealingConflictError (another decision won a race)
   */
  async decide(id: string, decision: DeskDecision): Promise<HealingView> {
    const recorder = await this.open(id);
    const winner = winnerOf(recorder);
    if (decision.candidateId && decision.candidateId !== winner?.id) {
      throw new HealingConflictError(
        `healing ${id}: the decision names candidate ${decision.candidateId}, but the patch to decide is ${winner?.id ?? '(none)'}`,
      );
    }
    try {
      const { candidateId: _, ...asked } = decision;
      await decide(recorder, asked, { trackRecords: this.deps.trackRecords });
    } catch (error) {
      if (error instanceof DecisionError) throw new DecisionRefusedError(error.message, error.code, { cause: error });
      if (error instanceof IllegalTransitionError || error instanceof ConcurrentAppendError) {
        throw new HealingConflictError(`healing ${id} changed while deciding: ${error.message}`, { cause: error });
      }
      throw error;
    }
    return this.viewOf(recorder);
  }

  /**
   * Applies a stage's result once per `reportId`: a repeat changes nothing and answers `applied: false`.
   * @throws HealingNotFoundError, InvalidReportError, HealingConflictError
   */
  async reportStageResult(report: StageReport): Promise<{ state: HealingState | null; applied: boolean }> {
    const key = `orchestrator-report#${report.healingId}#${report.reportId}`;
    if (await this.idempotency.seen(key)) {
      return { state: (await this.open(report.healingId)).state, applied: false };
    }
    for (let attempt = 1; ; attempt++) {
      const recorder = await this.open(report.healingId);
      try {
        await applyStageReport(recorder, report);
        await this.askApproval(recorder);
        // Before the report is marked: a hand-off that fails leaves it unmarked, and the reporter's retry (a no-op
        // on the recorded work) hands the healing on again.
        if (this.deps.handOff) await handOffAfter(recorder, report, this.deps.handOff);
        return { state: recorder.state, applied: await this.idempotency.mark(key) };
      } catch (error) {
        // Another writer moved the healing between our read and our append: apply again on what it recorded
        // (the same report sent twice at once finds its work done and changes nothing).
        const raced = error instanceof ConcurrentAppendError || error instanceof IllegalTransitionError;
        if (raced && attempt < REPORT_ATTEMPTS) continue;
        if (error instanceof IllegalTransitionError) {
          throw new HealingConflictError(`healing ${report.healingId}: ${error.message}`, { cause: error });
        }
        throw error;
      }
    }
  }

  /**
   * Asks for approval on every healing left `validated` (core/approve requestApproval: risk, tier, and the
   * automatic approval of the low tiers). The orchestrator owns the steps after validation; the validate stage
   * may conclude in a Lambda that stops at `validated`, and this sweep picks such healings up. Idempotent.
   */
  async requestPendingApprovals(): Promise<{ asked: string[]; failed: { id: string; message: string }[] }> {
    const asked: string[] = [];
    const failed: { id: string; message: string }[] = [];
    for (const summary of await this.deps.store.list({ state: 'validated' })) {
      try {
        await this.askApproval(await this.open(summary.id));
        asked.push(summary.id);
      } catch (error) {
        failed.push({ id: summary.id, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return { asked, failed };
  }

  /**
   * A person steers a delivery that started: `resume` a paused one (its next step runs in the background) or
   * `roll-back` a paused or delivered one (all traffic back on the version that served before). The actor is the
   * caller's identity; a reason is required, as for a decision.
   * @throws HealingNotFoundError, DecisionRefusedError (no reason), HealingConflictError, DeskUnavailableError
   */
  async steerDelivery(
    id: string,
    request: { action: 'resume' | 'roll-back'; actor: string; reason: string },
  ): Promise<HealingView> {
    const deliveries = this.deps.deliveries;
    if (!deliveries) {
      throw new DeskUnavailableError('this orchestrator runs no deliveries (its delivery sweep is off)');
    }
    const reason = request.reason.trim();
    if (reason === '') throw new DecisionRefusedError('a reason is required', 'reason-required');
    const recorder = await this.open(id);
    const healing = { id, ...recorder.meta };
    const decision = { actor: request.actor, reason };
    try {
      if (request.action === 'resume') await deliveries.resume(healing, decision);
      else await deliveries.rollBack(healing, decision);
    } catch (error) {
      if (error instanceof DeliveryStateError || isLostRace(error)) {
        throw new HealingConflictError(`healing ${id}: ${(error as Error).message}`, { cause: error });
      }
      if (error instanceof DeliveryTargetError) throw new DeskUnavailableError(error.message, { cause: error });
      throw error;
    }
    return this.viewOf(await this.open(id));
  }

  /** The kill switch as last set (`null`: never set, i.e. off). @throws DeskUnavailableError without a ControlStore */
  async killSwitch(): Promise<KillSwitchState | null> {
    return this.control().killSwitch();
  }

  async setKillSwitch(on: boolean, by: string, reason: string): Promise<KillSwitchState> {
    const control = this.control();
    await control.setKillSwitch(on, by, reason);
    return (await control.killSwitch()) ?? { on, by, reason, at: this.now().toISOString() };
  }

  private control(): ControlStore {
    if (!this.deps.control) throw new DeskUnavailableError('this desk has no control store (kill switch)');
    return this.deps.control;
  }

  /** A recorder over the healing's events, with the identity its next appends must carry (as openHealing does). */
  private async open(id: string): Promise<HealingRecorder> {
    const events = await this.deps.store.events(id);
    const detected = events.find((e) => e.type === 'detected')?.data['event'] as ErrorEvent | undefined;
    if (!detected) throw new HealingNotFoundError(id);
    const analysis = events.find((e) => e.type === 'analyzed')?.data['analysis'] as Analysis | undefined;
    const meta = {
      fingerprint: detected.fingerprint,
      service: detected.service,
      category: analysis?.category ?? detected.category,
    };
    return HealingRecorder.open(this.deps.store, id, meta, this.now);
  }

  private async askApproval(recorder: HealingRecorder): Promise<void> {
    await askForApproval(recorder, { trackRecords: this.deps.trackRecords, riskPolicy: this.riskPolicy });
  }

  private async viewOf(recorder: HealingRecorder): Promise<HealingView> {
    return healingViewOf(recorder, await this.deps.store.occurrence(recorder.meta.fingerprint));
  }
}
