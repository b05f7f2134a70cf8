import { type ApprovalDeps, askForApproval } from '../heal/askForApproval.ts';
import type { EventContext } from '../heal/errorEventBuilder.ts';
import {
  analysisOf,
  candidatesOf,
  concludeValidation,
  detectedEvent,
  generateStage,
  recordAnalysis,
  recordCandidateResult,
  resultsOf,
  startValidation,
} from '../heal/healingStages.ts';
import { ladderConfigFor, withServedSyntax } from '../heal/ladderConfig.ts';
import { admitPatch } from '../limits/admitDelivery.ts';
import type { IngestLimits } from '../limits/admitHealing.ts';
import type { PluginRegistry } from '../plugin/pluginRegistry.ts';
import type { PluginService, ServedBy } from '../plugin/pluginService.ts';
import { LocalRepo } from '../source/localRepo.ts';
import { type CandidateResult, runLadder } from '../validate/ladder.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import { ConcurrentAppendError, type HealingStore } from '../workflow/healingStore.ts';
import { CandidateNotFoundError, HealingNotFoundError, ServiceNotRegisteredError } from './pipelineErrors.ts';
import type { ServiceRegistry, SourceProvider } from './pipelinePorts.ts';
import type { ServiceConfig } from './serviceConfig.ts';

/**
 * The analyze, patch and validate stages of one healing, each as one call. They inherit the idempotence of the
 * healing's stages (core/heal/healingStages.ts): a repeated message finds its work recorded and only hands the
 * healing on again, which the next stage in turn ignores.
 */

export interface StageDeps {
  store: HealingStore;
  /**
   * The plugins of this process: what runs on the checkout (compiled output for source maps, the static check's
   * command) and the reproduction judge's extractors.
   */
  registry: PluginRegistry;
  /** What the stages ask of a plugin (analysis, fixes, syntax, test command): in process or a plugin host. */
  plugins: PluginService;
}

export interface SourceDeps extends StageDeps {
  services: ServiceRegistry;
  source: SourceProvider;
  environment: string;
  /** The patches-per-hour budget (core/limits); absent: no limit. */
  limits?: IngestLimits | null;
}

/** Opens a healing recorded by ingest; its identity comes from the detected event. */
export async function openHealing(store: HealingStore, healingId: string): Promise<HealingRecorder> {
  const events = await store.events(healingId);
  const detected = events.find((e) => e.type === 'detected');
  if (!detected) throw new HealingNotFoundError(`healing ${healingId} has no detected event`);
  const recorder = await HealingRecorder.open(store, healingId, { fingerprint: '', service: '', category: '' });
  const event = detectedEvent(recorder);
  const analyzed = recorder.events.some((e) => e.type === 'analyzed');
  return HealingRecorder.open(store, healingId, {
    fingerprint: event.fingerprint,
    service: event.service,
    category: analyzed ? analysisOf(recorder).category : event.category,
  });
}

/** Classifies the healing; true when it is ready for the patch stage. */
export async function analyzeHealing(deps: StageDeps, healingId: string): Promise<boolean> {
  const recorder = await openHealing(deps.store, healingId);
  await recordAnalysis(recorder, deps.plugins);
  return recorder.state === 'analyzed';
}

/** Generates the candidates and starts their validation; returns the ids of the candidates still without a result. */
export async function patchHealing(deps: SourceDeps, healingId: string): Promise<string[]> {
  const recorder = await openHealing(deps.store, healingId);
  if (!['analyzed', 'candidates-generated', 'validating'].includes(recorder.state ?? '')) return [];
  // One of the hour's patches, taken once per healing (a redelivered message finds candidates recorded).
  if (recorder.state === 'analyzed' && deps.limits) {
    const admission = await admitPatch(recorder, deps.limits);
    if (!admission.admitted) return [];
  }
  const event = detectedEvent(recorder);
  const service = await serviceOf(deps.services, event.service);
  const root = await deps.source.checkout(service);
  const repo = new LocalRepo(root);
  const plugin = deps.registry.get(event.language);
  await generateStage(recorder, deps.plugins, {
    repoRoot: root,
    repo,
    mappings: service.pathMappings,
    ...(plugin.compiledOutputBuilder ? { builder: plugin.compiledOutputBuilder } : {}),
  });
  if (recorder.state !== 'candidates-generated' && recorder.state !== 'validating') return [];
  const plugins = { local: plugin, service: deps.plugins };
  const { config: ladder, testCommandBy } = await ladderConfigFor(
    plugins,
    repo,
    event.fingerprint,
    eventContext(deps, service),
    {
      testCommand: service.testCommand,
      reproduceCommand: service.reproduceCommand ?? null,
      timeoutMs: 0, // only the commands are read here; validate runs them with its own timeout
    },
  );
  await startValidation(recorder, {
    testCommand: ladder.testCommand,
    typecheckCommand: ladder.typecheckCommand,
    reproduceCommand: ladder.reproduceCommand,
    testCommandBy,
  });
  const done = resultsOf(recorder);
  return candidatesOf(recorder)
    .filter((c) => !done.has(c.id))
    .map((c) => c.id);
}

export interface ValidateDeps extends SourceDeps, ApprovalDeps {
  /** Per ladder step, unless the service sets its own. */
  stepTimeoutMs: number;
}

/**
 * Runs one candidate's ladder in a sandbox and records the result; the last result in concludes the validation.
 * Returns null when there was nothing to do (the healing moved on, or the candidate already has a result).
 */
export async function validateCandidate(
  deps: ValidateDeps,
  healingId: string,
  candidateId: string,
): Promise<CandidateResult | null> {
  const recorder = await openHealing(deps.store, healingId);
  if (recorder.state === 'validated') {
    await approve(deps, healingId); // a redelivery after validation concluded but before its approval was asked
    return null;
  }
  if (recorder.state !== 'validating') return null;
  if (resultsOf(recorder).has(candidateId)) {
    await concludeValidation(recorder);
    await approve(deps, healingId);
    return null;
  }
  const candidate = candidatesOf(recorder).find((c) => c.id === candidateId);
  if (!candidate) throw new CandidateNotFoundError(`healing ${healingId} has no candidate ${candidateId}`);
  const event = detectedEvent(recorder);
  const service = await serviceOf(deps.services, event.service);
  const root = await deps.source.checkout(service);
  const plugin = deps.registry.get(event.language);
  const { config } = await ladderConfigFor(
    { local: plugin, service: deps.plugins },
    new LocalRepo(root),
    event.fingerprint,
    eventContext(deps, service),
    {
      testCommand: service.testCommand,
      reproduceCommand: service.reproduceCommand ?? null,
      timeoutMs: service.stepTimeoutMs ?? deps.stepTimeoutMs,
    },
  );
  const served = await withServedSyntax(config, deps.plugins, event.language, [candidate]);
  const result = await runLadder(root, candidate, served.config);
  await recordResult(deps.store, healingId, result, served.syntaxBy.get(candidate.id) ?? null);
  await approve(deps, healingId);
  return result;
}

/**
 * The validator whose result concluded the validation asks for approval (risk, tier). Validators that finish together
 * may both try: the loser of the append race finds the request recorded when it reloads.
 */
async function approve(deps: ValidateDeps, healingId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await askForApproval(await openHealing(deps.store, healingId), deps);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrentAppendError) || attempt >= RECORD_ATTEMPTS) throw error;
    }
  }
}

/**
 * Validators of one healing finish at about the same time; each lost append means a reload. Eight attempts cover the
 * contract's batch of ten candidates with the validate function's concurrency of two (infra stageConfig) many times.
 */
const RECORD_ATTEMPTS = 8;

async function recordResult(
  store: HealingStore,
  healingId: string,
  result: CandidateResult,
  syntaxBy: ServedBy | null,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await recordCandidateResult(await openHealing(store, healingId), result, syntaxBy);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrentAppendError) || attempt >= RECORD_ATTEMPTS) throw error;
    }
  }
}

async function serviceOf(services: ServiceRegistry, name: string): Promise<ServiceConfig> {
  const service = await services.get(name);
  if (!service) throw new ServiceNotRegisteredError(`service '${name}' is not registered`);
  return service;
}

function eventContext(deps: SourceDeps, service: ServiceConfig): EventContext {
  return { registry: deps.registry, service: service.service, environment: deps.environment };
}
