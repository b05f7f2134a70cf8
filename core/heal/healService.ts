import { randomUUID } from 'node:crypto';
import type { RiskPolicy, TrackRecordStore } from '../approve/approvalTypes.ts';
import { MemoryTrackRecords } from '../approve/memoryTrackRecords.ts';
import { deliverThroughGate, type GateOutcome } from '../deliver/deliverApproved.ts';
import type { Deliverer } from '../deliver/deliverer.ts';
import { shortFingerprint } from '../fingerprint/fingerprint.ts';
import type { ControlStore } from '../limits/controlStore.ts';
import { type LimitPolicy, limitPolicyFor } from '../limits/limitPolicy.ts';
import { InProcessPluginService } from '../plugin/inProcessPluginService.ts';
import type { PluginRegistry } from '../plugin/pluginRegistry.ts';
import type { PluginService } from '../plugin/pluginService.ts';
import { LocalRepo } from '../source/localRepo.ts';
import type { PathMapping } from '../source/pathMapper.ts';
import type { CandidateResult } from '../validate/ladder.ts';
import { validateCandidates } from '../validate/parallelValidator.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import { FINAL_STATES, LIVE_STATES } from '../workflow/healingStates.ts';
import type { HealingStore } from '../workflow/healingStore.ts';
import { askForApproval } from './askForApproval.ts';
import { commitSummary } from './commitSummary.ts';
import type { EventContext } from './errorEventBuilder.ts';
import { FingerprintNotFoundError, NoErrorFoundError } from './healErrors.ts';
import {
  candidatesOf,
  detectedEvent,
  generateStage,
  recordAnalysis,
  recordCandidateResult,
  recordDetection,
  resultsOf,
  startValidation,
  winnerOf,
} from './healingStages.ts';
import { type HealOutcome, outcomeOf } from './healOutcome.ts';
import { ladderConfigFor, withServedSyntax } from './ladderConfig.ts';
import { chooseGroup, type EventGroup, scanLog } from './logScan.ts';
import type { Progress } from './progress.ts';

export interface HealOptions {
  repoRoot: string;
  log: AsyncIterable<string> | Iterable<string>;
  testCommand?: string;
  reproduceCommand?: string;
  /** Heal this fingerprint (a prefix is enough) instead of the most frequent one. */
  fingerprint?: string;
  mappings?: PathMapping[];
  service?: string;
  environment?: string;
  /** Per ladder step. */
  timeoutMs?: number;
  concurrency?: number;
  deliverers?: Deliverer[];
  /** Who asked for the delivery (the CLI user); an auto-approved patch is delivered in their name. */
  actor: string;
  /** Risk thresholds and critical paths per environment. @default riskPolicyFor(environment) */
  riskPolicy?: (environment: string) => RiskPolicy;
  /** @default limitPolicyFor(environment) */
  limits?: LimitPolicy;
}

export interface HealDeps {
  registry: PluginRegistry;
  store: HealingStore;
  progress: Progress;
  /** What the stages ask of the plugins. @default the registry's plugins in this process */
  plugins?: PluginService;
  /** The rules' track records (risk scores read them). @default in memory, forgotten after the call */
  trackRecords?: TrackRecordStore;
  /** The kill switch and the hourly budgets; required to deliver. */
  control?: ControlStore;
}

/** Five minutes per step: a real test suite, not a unit test, is what runs here. */
const DEFAULT_STEP_TIMEOUT_MS = 300_000;

/**
 * The whole healing loop in one process: read the log, pick the error, run the healing's stages (the same ones
 * the Lambda stages run), validating the candidates in parallel sandboxes, and deliver when asked.
 */
export async function heal(options: HealOptions, deps: HealDeps): Promise<HealOutcome> {
  const { registry, store, progress } = deps;
  const repo = new LocalRepo(options.repoRoot);
  const ctx: EventContext = {
    registry,
    service: options.service ?? 'unknown',
    environment: options.environment ?? 'local',
  };

  progress.step('Reading the log');
  const scan = await scanLog(options.log, ctx, store);
  if (scan.groups.length === 0) throw new NoErrorFoundError('no error was found in the log');
  const group = chooseGroup(scan.groups, options.fingerprint);
  if (!group) throw new FingerprintNotFoundError(`no error with fingerprint ${options.fingerprint} in the log`);
  progress.done(`${scan.events} error events, ${scan.groups.length} distinct; healing ${describe(group)}`);

  const plugin = registry.get(group.sample.event.language);
  const plugins = deps.plugins ?? new InProcessPluginService(registry);
  const { config: ladder, testCommandBy } = await ladderConfigFor(
    { local: plugin, service: plugins },
    repo,
    group.fingerprint,
    ctx,
    {
      testCommand: options.testCommand ?? null,
      reproduceCommand: options.reproduceCommand ?? null,
      timeoutMs: options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
    },
  );

  const recorder = await openHealing(store, group, options.repoRoot);
  if (recorder.state === 'awaiting-approval') progress.note(`healing ${recorder.id} already has a validated patch`);
  await recordDetection(recorder, group.sample, group.count);
  await recordAnalysis(recorder, plugins);

  if (recorder.state === 'analyzed') {
    progress.step('Locating the error and generating candidate patches');
    const candidates = await generateStage(recorder, plugins, {
      repoRoot: options.repoRoot,
      repo,
      mappings: options.mappings ?? [],
      ...(plugin.compiledOutputBuilder ? { builder: plugin.compiledOutputBuilder } : {}),
    });
    progress.done(`${candidates.length} candidate(s): ${candidates.map((c) => c.strategy).join(', ') || 'none'}`);
  }

  if (recorder.state === 'candidates-generated' || recorder.state === 'validating') {
    const done = resultsOf(recorder);
    const pending = candidatesOf(recorder).filter((c) => !done.has(c.id));
    progress.step(`Validating ${pending.length} candidate(s) in parallel sandboxes`);
    await startValidation(recorder, {
      testCommand: ladder.testCommand,
      typecheckCommand: ladder.typecheckCommand,
      reproduceCommand: ladder.reproduceCommand,
      testCommandBy,
    });
    const served = await withServedSyntax(ladder, plugins, group.sample.event.language, pending);
    const results = await validateCandidates(options.repoRoot, pending, served.config, {
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      onResult: (r) => progress.note(`${r.passed ? 'pass' : 'fail'}  ${r.strategy} (${r.durationMs} ms)${failure(r)}`),
    });
    for (const result of results) {
      await recordCandidateResult(recorder, result, served.syntaxBy.get(result.candidateId) ?? null);
    }
    const winner = winnerOf(recorder);
    progress.done(winner ? `winner: ${winner.strategy}` : 'no candidate passed');
  }
  return finish(recorder, group, scan.groups, options, deps);
}

/** Resumes an open healing of this fingerprint while the files its candidates edit are unchanged. */
async function openHealing(store: HealingStore, group: EventGroup, repoRoot: string): Promise<HealingRecorder> {
  const meta = {
    fingerprint: group.fingerprint,
    service: group.sample.event.service,
    category: group.sample.analysis.category,
  };
  const repo = new LocalRepo(repoRoot);
  for (const open of await store.list({ fingerprint: group.fingerprint })) {
    if (FINAL_STATES.has(open.state) || LIVE_STATES.has(open.state)) continue;
    const recorder = await HealingRecorder.open(store, open.id, meta);
    let unchanged = true;
    for (const candidate of candidatesOf(recorder)) {
      for (const edit of candidate.edits) if ((await repo.readFile(edit.path)) !== edit.before) unchanged = false;
    }
    if (unchanged) return recorder;
  }
  return HealingRecorder.open(store, randomUUID(), meta);
}

async function finish(
  recorder: HealingRecorder,
  group: EventGroup,
  groups: readonly EventGroup[],
  options: HealOptions,
  deps: HealDeps,
): Promise<HealOutcome> {
  const winner = winnerOf(recorder);
  const risk = await askForApproval(recorder, {
    trackRecords: deps.trackRecords ?? new MemoryTrackRecords(),
    ...(options.riskPolicy ? { riskPolicy: options.riskPolicy } : {}),
  });
  if (risk) deps.progress.note(`risk ${risk.score} (${risk.tier}): ${risk.reviewersRequired} reviewer(s) required`);
  let gate: GateOutcome | null = null;
  if (winner && recorder.state === 'awaiting-approval' && options.deliverers?.length) {
    if (!deps.control) throw new Error('heal: delivering needs a ControlStore (kill switch and limits)');
    deps.progress.step(`Delivering (${options.deliverers.map((d) => d.name).join(', ')})`);
    gate = await deliverThroughGate(
      recorder,
      options.deliverers,
      {
        repoRoot: options.repoRoot,
        fingerprint: group.fingerprint,
        winner,
        summary: commitSummary(recorder, group, winner),
        actor: options.actor,
      },
      {
        control: deps.control,
        limits: options.limits ?? limitPolicyFor(detectedEvent(recorder).environment),
      },
    );
    const outcome = outcomeOf(recorder, group, groups, winner, gate);
    deps.progress.done(`${gate.kind}: ${outcome.delivery?.detail ?? ''}`);
    return outcome;
  }
  return outcomeOf(recorder, group, groups, winner, gate);
}

function describe(group: EventGroup): string {
  return `${group.sample.event.errorType} ${shortFingerprint(group.fingerprint)} (${group.count}x)`;
}

function failure(result: CandidateResult): string {
  if (result.passed) return '';
  const step = result.steps.find((s) => s.step === result.failedStep);
  return ` at ${result.failedStep}: ${step?.detail ?? ''}`;
}
