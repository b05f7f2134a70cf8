import { randomUUID } from 'node:crypto';
import type { Deliverer, DeliveryResult } from '../deliver/deliverer.ts';
import { shortFingerprint } from '../fingerprint/fingerprint.ts';
import type { Candidate } from '../patch/candidate.ts';
import type { LanguagePlugin } from '../plugin/languagePlugin.ts';
import type { PluginRegistry } from '../plugin/pluginRegistry.ts';
import { FrameResolver } from '../source/frameResolver.ts';
import { LocalRepo } from '../source/localRepo.ts';
import type { PathMapping } from '../source/pathMapper.ts';
import type { CandidateResult } from '../validate/ladder.ts';
import { validateCandidates, validationVerdict } from '../validate/parallelValidator.ts';
import { FINAL_STATES } from '../workflow/healingStates.ts';
import type { HealingStore } from '../workflow/healingStore.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import { generateCandidates } from './candidateGeneration.ts';
import type { EventContext } from './errorEventBuilder.ts';
import { chooseFixTarget } from './fixTarget.ts';
import { FingerprintNotFoundError, NoErrorFoundError } from './healErrors.ts';
import { ladderConfigFor } from './ladderConfig.ts';
import { type HealOutcome, outcomeOf } from './healOutcome.ts';
import { chooseGroup, type EventGroup, scanLog } from './logScan.ts';
import type { Progress } from './progress.ts';
import { commitSummary } from './commitSummary.ts';

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
  /** Who approves by asking for delivery (the CLI user). */
  actor: string;
}

export interface HealDeps {
  registry: PluginRegistry;
  store: HealingStore;
  progress: Progress;
}

/** Five minutes per step: a real test suite, not a unit test, is what runs here. */
const DEFAULT_STEP_TIMEOUT_MS = 300_000;

/**
 * The whole healing loop in one process: read the log, pick the error, find where it happened in the source,
 * generate candidates, validate them in parallel sandboxes, record every step, deliver when asked.
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

  const { event, analysis } = group.sample;
  const plugin = registry.get(event.language);
  const ladder = await ladderConfigFor(plugin, repo, group.fingerprint, ctx, {
    testCommand: options.testCommand ?? null,
    reproduceCommand: options.reproduceCommand ?? null,
    timeoutMs: options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
  });

  const recorder = await openHealing(store, group, options);
  if (recorder.state === 'awaiting-approval' || recorder.state === 'delivered') {
    progress.note(`healing ${recorder.id} already has a validated patch; reusing it`);
    return finish(recorder, group, scan.groups, options, deps);
  }
  if (recorder.state === null) {
    await recorder.record('detected', `${event.errorType} seen ${group.count} time(s)`, {
      event,
      occurrences: group.count,
      fingerprintParts: group.parts,
    });
  }

  progress.step('Locating the error in the source');
  const resolver = new FrameResolver({
    repoRoot: options.repoRoot,
    repoFiles: await repo.files(),
    mappings: options.mappings ?? [],
    ...(plugin.compiledOutputBuilder ? { builder: plugin.compiledOutputBuilder } : {}),
  });
  const sourceFrames = await resolver.resolve(event.frames);
  const choice = chooseFixTarget(sourceFrames, plugin);
  progress.done(choice ? `${choice.target.path}:${choice.target.line}` : 'no in-app frame maps to a repository file');
  if (recorder.state === 'detected') {
    await recorder.record('analyzed', analysis.ruleId ? `matched rule ${analysis.ruleId}` : 'no rule matched', {
      analysis,
      sourceFrames,
      target: choice?.target ?? null,
    });
  }

  let candidates = storedCandidates(recorder);
  if (recorder.state === 'analyzed') {
    progress.step('Generating candidate patches');
    const source = choice ? await repo.readFile(choice.target.path) : null;
    candidates =
      choice && source !== null
        ? generateCandidates(plugin, analysis, {
            category: analysis.category,
            errorType: event.errorType,
            captures: analysis.captures,
            target: choice.target,
            callers: choice.callers,
            source,
            readFile: (path) => repo.readFile(path),
          })
        : [];
    progress.done(`${candidates.length} candidate(s): ${candidates.map((c) => c.strategy).join(', ') || 'none'}`);
    if (candidates.length === 0) {
      const why = !choice
        ? 'no in-app frame of the error maps to a fixable file in the repository'
        : analysis.fixStrategies.length === 0
          ? `rule ${analysis.ruleId ?? '(none)'} names no fix strategy`
          : `no fixer of ${analysis.fixStrategies.join(', ')} applies at ${choice.target.path}:${choice.target.line}`;
      await recorder.record('no-fix', why);
      return finish(recorder, group, scan.groups, options, deps);
    }
    await recorder.record('candidates-generated', `${candidates.length} candidate(s)`, { candidates });
  }

  const done = storedResults(recorder);
  const pending = candidates.filter((c) => !done.has(c.id));
  progress.step(`Validating ${pending.length} candidate(s) in parallel sandboxes`);
  await recorder.record('validation-started', `validating ${pending.length} candidate(s)`, {
    testCommand: ladder.testCommand,
    typecheckCommand: ladder.typecheckCommand,
    reproduceCommand: ladder.reproduceCommand,
  });
  const results = await validateCandidates(
    options.repoRoot,
    pending,
    ladder,
    {
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      onResult: (r) => progress.note(`${r.passed ? 'pass' : 'fail'}  ${r.strategy} (${r.durationMs} ms)${failure(r)}`),
    },
  );
  for (const result of results) {
    await recorder.record('candidate-result', `${result.strategy}: ${result.passed ? 'passed' : 'failed'}`, { result });
  }
  const verdict = validationVerdict(candidates, [...done.values(), ...results]);
  progress.done(verdict.state === 'validated' ? `winner: ${verdict.winner.strategy}` : 'no candidate passed');
  if (verdict.state !== 'validated') {
    await recorder.record('validation-failed', `all ${candidates.length} candidate(s) failed validation`);
    return finish(recorder, group, scan.groups, options, deps);
  }
  const winner = verdict.winner;
  await recorder.record('validated', `${winner.strategy} passed every step`, { winner: winner.id });
  await recorder.record('approval-requested', 'embedded mode: delivery waits for --apply or --branch');
  return finish(recorder, group, scan.groups, options, deps);
}

async function openHealing(store: HealingStore, group: EventGroup, options: HealOptions): Promise<HealingRecorder> {
  const meta = {
    fingerprint: group.fingerprint,
    service: group.sample.event.service,
    category: group.sample.analysis.category,
  };
  for (const open of await store.list({ fingerprint: group.fingerprint })) {
    if (FINAL_STATES.has(open.state) || open.state === 'delivered') continue;
    const recorder = await HealingRecorder.open(store, open.id, meta);
    if (await stillApplies(recorder, options.repoRoot)) return recorder;
  }
  return HealingRecorder.open(store, randomUUID(), meta);
}

/** An interrupted healing resumes only while the files its candidates edit are unchanged. */
async function stillApplies(recorder: HealingRecorder, repoRoot: string): Promise<boolean> {
  const repo = new LocalRepo(repoRoot);
  for (const candidate of storedCandidates(recorder)) {
    for (const edit of candidate.edits) if ((await repo.readFile(edit.path)) !== edit.before) return false;
  }
  return true;
}

function storedCandidates(recorder: HealingRecorder): Candidate[] {
  const event = recorder.events.find((e) => e.type === 'candidates-generated');
  return (event?.data['candidates'] as Candidate[] | undefined) ?? [];
}

function storedResults(recorder: HealingRecorder): Map<string, CandidateResult> {
  const out = new Map<string, CandidateResult>();
  for (const e of recorder.events) {
    if (e.type === 'candidate-result') {
      const result = e.data['result'] as CandidateResult;
      out.set(result.candidateId, result);
    }
  }
  return out;
}

async function finish(
  recorder: HealingRecorder,
  group: EventGroup,
  groups: readonly EventGroup[],
  options: HealOptions,
  deps: HealDeps,
): Promise<HealOutcome> {
  const delivered: DeliveryResult[] = [];
  const winner = winnerOf(recorder);
  if (winner && recorder.state === 'awaiting-approval' && options.deliverers?.length) {
    for (const deliverer of options.deliverers) {
      deps.progress.step(`Delivering (${deliverer.name})`);
      const result = await deliverer.deliver({
        repoRoot: options.repoRoot,
        healingId: recorder.id,
        fingerprint: group.fingerprint,
        candidate: winner,
        summary: commitSummary(recorder, group, winner),
      });
      deps.progress.done(result.detail);
      delivered.push(result);
    }
    await recorder.record('delivered', delivered.map((d) => d.detail).join('; '), { delivered }, options.actor);
  }
  return outcomeOf(recorder, group, groups, winner, delivered);
}

export function winnerOf(recorder: HealingRecorder): Candidate | null {
  const validated = recorder.events.find((e) => e.type === 'validated');
  if (!validated) return null;
  return storedCandidates(recorder).find((c) => c.id === validated.data['winner']) ?? null;
}

function describe(group: EventGroup): string {
  const { event } = group.sample;
  return `${event.errorType} ${shortFingerprint(group.fingerprint)} (${group.count}x)`;
}

function failure(result: CandidateResult): string {
  if (result.passed) return '';
  const step = result.steps.find((s) => s.step === result.failedStep);
  return ` at ${result.failedStep}: ${step?.detail ?? ''}`;
}

export type { LanguagePlugin };
