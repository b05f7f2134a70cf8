import { buildErrorEvent } from '../../core/heal/errorEventBuilder.ts';
import { recordDetection } from '../../core/heal/healingStages.ts';
import type { Candidate, FixTarget } from '../../core/patch/candidate.ts';
import { InProcessPluginService } from '../../core/plugin/inProcessPluginService.ts';
import type { Analysis } from '../../core/rules/analysis.ts';
import type { Frame } from '../../core/schema/errorEvent.ts';
import type { CandidateResult } from '../../core/validate/ladder.ts';
import { HealingRecorder } from '../../core/workflow/healingRecorder.ts';
import type { HealingStore } from '../../core/workflow/healingStore.ts';
import { createRegistry } from '../../plugins/index.ts';
import { javascriptPlugin } from '../../plugins/javascript/index.ts';
import { encodeCandidateResult } from '../../services/shared/healingCodec.ts';
import { encodeAnalysis, encodeFrame } from '../../services/shared/pluginCodec.ts';
import { runNodeCrash } from './nodeCrash.ts';

/**
 * What the stages of a real healing produce, computed once per test file: the crash `node` really printed
 * (test/services/nodeCrash.ts), its ErrorEvent (core/heal/errorEventBuilder.ts), the JavaScript rules' analysis
 * and the fixers' candidates for the program's source.
 */
export interface CrashMaterial {
  detected: Awaited<ReturnType<typeof buildDetected>>;
  analysis: Analysis;
  candidates: Candidate[];
  sourceFrames: Frame[];
  target: FixTarget | null;
}

const registry = createRegistry([javascriptPlugin]);

function buildDetected(crash: ReturnType<typeof runNodeCrash>, service: string) {
  const built = buildErrorEvent(
    {
      language: 'javascript',
      excerpt: crash.excerpt,
      startLine: 1,
      endLine: crash.excerpt.split('\n').length,
      timestamp: null,
      level: 'error',
      service,
      requestId: null,
      structured: null,
    },
    { registry, service, environment: 'staging' },
  );
  if (!built) throw new Error('the javascript parser did not read the crash');
  return built;
}

export async function crashMaterial(service = 'checkout'): Promise<CrashMaterial> {
  const crash = runNodeCrash();
  const detected = buildDetected(crash, service);
  const plugins = new InProcessPluginService(registry);
  const sourceFrames = detected.event.frames
    .filter((f) => f.file.startsWith(crash.dir))
    .map((f) => ({ ...f, file: f.file.slice(crash.dir.length + 1) }));
  const fixes = await plugins.generateFixes({
    language: 'javascript',
    errorType: detected.event.errorType,
    analysis: detected.analysis,
    sourceFrames,
    files: [{ path: crash.file, text: crash.source }],
  });
  if (fixes.value.candidates.length === 0) throw new Error('the fixers proposed nothing for the crash');
  return {
    detected,
    analysis: detected.analysis,
    candidates: fixes.value.candidates,
    sourceFrames,
    target: fixes.value.target,
  };
}

/** Records `detected` for a new healing through the core's recorder, as ingest does. */
export async function seedDetected(store: HealingStore, healingId: string, material: CrashMaterial): Promise<void> {
  const event = material.detected.event;
  const recorder = await HealingRecorder.open(store, healingId, {
    fingerprint: event.fingerprint,
    service: event.service,
    category: event.category,
  });
  await store.recordOccurrence(event.fingerprint, event.timestamp, material.detected.fingerprintParts, event);
  await recordDetection(recorder, material.detected, 1);
}

/** A ladder result as runLadder shapes it; `passed` decides every step's status. */
export function ladderResult(candidate: Candidate, passed: boolean): CandidateResult {
  return {
    candidateId: candidate.id,
    strategy: candidate.strategy,
    passed,
    failedStep: passed ? null : 'test',
    durationMs: 1234,
    steps: [
      {
        step: 'syntax',
        status: 'passed',
        durationMs: 12,
        command: null,
        exitCode: null,
        timedOut: false,
        outputTail: '',
        detail: 'parsed',
      },
      {
        step: 'test',
        status: passed ? 'passed' : 'failed',
        durationMs: 1200,
        command: 'npm test',
        exitCode: passed ? 0 : 1,
        timedOut: false,
        outputTail: passed ? '1 passed' : '1 failed',
        detail: passed ? 'tests pass' : 'a test failed',
      },
    ],
  };
}

/** ReportStageResult requests as a worker outside Lambda sends them (wire shapes, through the services' codecs). */
export function wireReports(material: CrashMaterial) {
  return {
    analysis: (healingId: string, reportId: string) => ({
      healingId,
      reportId,
      stage: 'analyze',
      analysis: encodeAnalysis(material.analysis),
    }),
    candidates: (healingId: string, reportId: string, candidates: Candidate[] = material.candidates) => ({
      healingId,
      reportId,
      stage: 'patch',
      candidates: {
        candidates,
        ...(material.target
          ? { target: Object.fromEntries(Object.entries(material.target).filter(([, v]) => v !== null)) }
          : {}),
        sourceFrames: material.sourceFrames.map(encodeFrame),
      },
    }),
    result: (healingId: string, reportId: string, candidate: Candidate, passed: boolean) => ({
      healingId,
      reportId,
      stage: 'validate',
      candidateResult: encodeCandidateResult(ladderResult(candidate, passed)),
    }),
  };
}
