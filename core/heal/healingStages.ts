import type { Candidate } from '../patch/candidate.ts';
import type { RepoView } from '../plugin/languagePlugin.ts';
import { type PluginService, type ServedBy, servedBy } from '../plugin/pluginService.ts';
import { frameFiles } from '../plugin/requestFiles.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { ErrorEvent, Frame } from '../schema/errorEvent.ts';
import { type CompiledOutputBuilder, FrameResolver } from '../source/frameResolver.ts';
import type { PathMapping } from '../source/pathMapper.ts';
import type { CandidateResult } from '../validate/ladder.ts';
import { validationVerdict } from '../validate/parallelValidator.ts';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import { IllegalTransitionError } from '../workflow/healingWorkflow.ts';
import type { BuiltEvent } from './errorEventBuilder.ts';
import type { TargetChoice } from './fixTarget.ts';

/**
 * The healing's stages as functions over a HealingRecorder. The embedded loop runs them in one process; the
 * Lambda stages run one each. They read what earlier stages recorded from the healing's events, so a stage can run
 * anywhere and be repeated: each checks the state first and does nothing if its work is already recorded.
 * What they ask of a language plugin goes through a PluginService (in process, or a plugin host over gRPC), and
 * the event that records an answer says how it was served under `plugin` (ServedBy: `via`, `host`).
 */

export async function recordDetection(
  recorder: HealingRecorder,
  built: BuiltEvent,
  occurrences: number,
): Promise<void> {
  if (recorder.state !== null) return;
  await recorder.record('detected', `${built.event.errorType} seen ${occurrences} time(s)`, {
    event: built.event,
    occurrences,
    fingerprintParts: built.fingerprintParts,
  });
}

/** Classifies the detected event with its language's rules (the plugin service's Analyze). */
export async function recordAnalysis(recorder: HealingRecorder, plugins: PluginService): Promise<Analysis> {
  const event = detectedEvent(recorder);
  if (recorder.state !== 'detected') return analysisOf(recorder);
  const answer = await plugins.analyze({
    language: event.language,
    errorType: event.errorType,
    message: event.message,
  });
  const analysis = answer.value;
  await recorder.record('analyzed', analysis.ruleId ? `matched rule ${analysis.ruleId}` : 'no rule matched', {
    analysis,
    plugin: servedBy(answer),
  });
  return analysis;
}

export interface SourceAccess {
  repoRoot: string;
  repo: RepoView;
  mappings?: readonly PathMapping[];
  /**
   * Builds compiled output with source maps (the language plugin's `compiledOutputBuilder`). It runs the project's
   * build in the checkout, so it stays in this process whichever way the fixers are reached.
   */
  builder?: CompiledOutputBuilder;
}

/**
 * Locates the error in the source (source maps, path mappings) here, where the checkout is, then asks the plugin
 * service for candidates at that place, sending the files of the in-app frames. Records the candidates, or
 * `no-fix` with the reason.
 */
export async function generateStage(
  recorder: HealingRecorder,
  plugins: PluginService,
  source: SourceAccess,
): Promise<Candidate[]> {
  if (recorder.state !== 'analyzed') return candidatesOf(recorder);
  const event = detectedEvent(recorder);
  const analysis = analysisOf(recorder);
  const resolver = new FrameResolver({
    repoRoot: source.repoRoot,
    repoFiles: await source.repo.files(),
    mappings: source.mappings ?? [],
    ...(source.builder ? { builder: source.builder } : {}),
  });
  const sourceFrames = await resolver.resolve(event.frames);
  const answer = await plugins.generateFixes({
    language: event.language,
    errorType: event.errorType,
    analysis,
    sourceFrames,
    files: await frameFiles(source.repo, sourceFrames),
  });
  const { target, candidates } = answer.value;
  const located = { sourceFrames, target, plugin: servedBy(answer) };
  if (candidates.length === 0) {
    await recorder.record('no-fix', noFixReason(analysis, target), located);
  } else {
    await recorder.record('candidates-generated', `${candidates.length} candidate(s)`, { ...located, candidates });
  }
  return candidates;
}

/** The ladder's commands, and how the plugin service named the test command when it did (null: configured). */
export interface ValidationPlan {
  testCommand: string | null;
  typecheckCommand: string | null;
  reproduceCommand: string | null;
  testCommandBy?: ServedBy | null;
}

export async function startValidation(recorder: HealingRecorder, plan: ValidationPlan): Promise<void> {
  if (recorder.state !== 'candidates-generated' && recorder.state !== 'validating') return;
  const { testCommandBy, ...commands } = plan;
  await recorder.record('validation-started', `validating ${candidatesOf(recorder).length} candidate(s)`, {
    ...commands,
    ...(testCommandBy ? { plugin: testCommandBy } : {}),
  });
}

/**
 * Records one candidate's ladder result (a repeated result for the same candidate is ignored) and, once every
 * candidate has one, concludes: `validated` for the best passing candidate (whose risk core/approve then assesses
 * and which waits for the approvals its tier needs: see askForApproval), or `validation-failed`. Concurrent reporters are safe: the loser of a race finds the healing concluded.
 */
export async function recordCandidateResult(
  recorder: HealingRecorder,
  result: CandidateResult,
  /** How the plugin service checked the candidate's syntax (the ladder's first step). */
  syntaxBy: ServedBy | null = null,
): Promise<void> {
  if (resultsOf(recorder).has(result.candidateId)) return concludeValidation(recorder);
  if (recorder.state !== 'validating') return;
  try {
    await recorder.record('candidate-result', `${result.strategy}: ${result.passed ? 'passed' : 'failed'}`, {
      result,
      ...(syntaxBy ? { plugin: syntaxBy } : {}),
    });
  } catch (error) {
    if (!(error instanceof IllegalTransitionError)) throw error;
    return;
  }
  await concludeValidation(recorder);
}

export async function concludeValidation(recorder: HealingRecorder): Promise<void> {
  if (recorder.state !== 'validating') return;
  const candidates = candidatesOf(recorder);
  const verdict = validationVerdict(candidates, [...resultsOf(recorder).values()]);
  try {
    if (verdict.state === 'validation-failed') {
      await recorder.record('validation-failed', `all ${candidates.length} candidate(s) failed validation`);
    } else if (verdict.state === 'validated') {
      await recorder.record('validated', `${verdict.winner.strategy} passed every step`, { winner: verdict.winner.id });
    }
  } catch (error) {
    if (!(error instanceof IllegalTransitionError)) throw error; // another reporter concluded first
  }
}

// Reading what earlier stages recorded.

export function detectedEvent(recorder: HealingRecorder): ErrorEvent {
  const event = recorder.events.find((e) => e.type === 'detected')?.data['event'];
  if (!event) throw new Error(`healing ${recorder.id} has no detected event`);
  return event as ErrorEvent;
}

export function analysisOf(recorder: HealingRecorder): Analysis {
  const analysis = recorder.events.find((e) => e.type === 'analyzed')?.data['analysis'];
  if (!analysis) throw new Error(`healing ${recorder.id} has not been analyzed`);
  return analysis as Analysis;
}

export function candidatesOf(recorder: HealingRecorder): Candidate[] {
  const event = recorder.events.find((e) => e.type === 'candidates-generated');
  return (event?.data['candidates'] as Candidate[] | undefined) ?? [];
}

/** How each plugin answer of the healing was served, by the event that recorded it, in order. */
export function pluginAnswersOf(recorder: HealingRecorder): { type: string; seq: number; plugin: ServedBy }[] {
  return recorder.events.flatMap((e) => {
    const plugin = e.data['plugin'] as ServedBy | undefined;
    return plugin ? [{ type: e.type, seq: e.seq, plugin }] : [];
  });
}

export function locationOf(recorder: HealingRecorder): {
  sourceFrames: Frame[];
  target: TargetChoice['target'] | null;
} {
  const event = recorder.events.find((e) => e.type === 'candidates-generated' || e.type === 'no-fix');
  return {
    sourceFrames: (event?.data['sourceFrames'] as Frame[] | undefined) ?? [],
    target: (event?.data['target'] as TargetChoice['target'] | null | undefined) ?? null,
  };
}

export function resultsOf(recorder: HealingRecorder): Map<string, CandidateResult> {
  const out = new Map<string, CandidateResult>();
  for (const e of recorder.events) {
    if (e.type === 'candidate-result') {
      const result = e.data['result'] as CandidateResult;
      out.set(result.candidateId, result);
    }
  }
  return out;
}

export function winnerOf(recorder: HealingRecorder): Candidate | null {
  const validated = recorder.events.find((e) => e.type === 'validated');
  if (!validated) return null;
  return candidatesOf(recorder).find((c) => c.id === validated.data['winner']) ?? null;
}

function noFixReason(analysis: Analysis, target: TargetChoice['target'] | null): string {
  if (!target) return 'no in-app frame of the error maps to a fixable file in the repository';
  if (analysis.fixStrategies.length === 0) return `rule ${analysis.ruleId ?? '(none)'} names no fix strategy`;
  return `no fixer of ${analysis.fixStrategies.join(', ')} applies at ${target.path}:${target.line}`;
}
