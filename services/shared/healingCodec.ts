import { z } from 'zod';
import type { ApprovalStatus } from '../../core/approve/approvalTypes.ts';
import type { HealingFilter, PageRequest } from '../../core/operate/healingDesk.ts';
import type { HealingView } from '../../core/operate/healingView.ts';
import { REPORTING_STAGES, type StageOutcome, type StageReport } from '../../core/operate/stageReport.ts';
import type { ErrorEvent, Frame } from '../../core/schema/errorEvent.ts';
import { type CandidateResult, LADDER_STEPS, type StepResult } from '../../core/validate/ladder.ts';
import { HEALING_STATES } from '../../core/workflow/healingStates.ts';
import type { HealingSummary } from '../../core/workflow/healingStore.ts';
import type { HealingEvent } from '../../core/workflow/healingWorkflow.ts';
import { decodeAnalysis, decodeFixResult, encodeAnalysis, encodeFrame } from './pluginCodec.ts';
import { InvalidRequestError } from './serviceErrors.ts';

/**
 * The one place where the orchestrator's messages (proto/homeostasis/v1/orchestrator.proto) become the desk's types
 * and back. Wire shapes are @grpc/proto-loader's (services/shared/protoLoader.ts): camelCase, int64 as strings,
 * proto3 `optional` fields absent when unset (the core's `null`), `oneof` named by a virtual field. Analyses, frames
 * and candidates go through pluginCodec, which owns them. Every decode is a zod parse: the caller is another process.
 */

/** ListHealings without a page size (0) gets this many; the desk caps it at MAX_PAGE_SIZE. */
export const DEFAULT_PAGE_SIZE = 50;

/** int64 fields arrive as strings (`longs: String`); small ones as numbers from a JS client. */
const int64 = z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform(Number);
const id = z.string().min(1).max(256);

// ---- requests ----

const WireGetRequest = z.object({ id });
const WireWatchRequest = z.object({ id, afterSequence: int64.pipe(z.number().min(0)) });
const WireListRequest = z.object({
  service: z.string().max(256).optional(),
  state: z.enum(HEALING_STATES).optional(),
  category: z.string().max(128).optional(),
  pageSize: z.number().int().min(0),
  pageToken: z.string().max(1024),
});
const WireDecideRequest = z.object({
  healingId: id,
  decision: z.enum(['approve', 'reject', 'rollback']),
  candidateId: z.string().max(256),
  decidedBy: z.string().min(1).max(256),
  reason: z.string().max(4000),
  roles: z.array(z.string().max(64)).max(32),
});

const WireStep = z.object({
  step: z.enum(LADDER_STEPS),
  passed: z.boolean(),
  durationMs: int64,
  detail: z.string(),
  status: z.enum(['passed', 'failed', 'skipped', '']),
  command: z.string().optional(),
  exitCode: z.number().int().optional(),
  timedOut: z.boolean(),
  outputTail: z.string(),
});
const WireCandidateResult = z.object({
  candidateId: z.string().min(1),
  strategy: z.string(),
  passed: z.boolean(),
  failedStep: z.enum(LADDER_STEPS).optional(),
  durationMs: int64,
  steps: z.array(WireStep),
});
const WireFrame = z.object({
  file: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  function: z.string().optional(),
  module: z.string().optional(),
  inApp: z.boolean(),
  async: z.boolean().optional(),
});
const WireReportRequest = z.object({
  healingId: id,
  reportId: z.string().min(1).max(256),
  stage: z.enum(REPORTING_STAGES),
  result: z.enum(['analysis', 'candidates', 'candidateResult', 'failure'], {
    error: 'the report carries no result (analysis, candidates, candidate_result or failure)',
  }),
  analysis: z.unknown().optional(),
  candidates: z
    .object({ candidates: z.array(z.unknown()), target: z.unknown().optional(), sourceFrames: z.array(WireFrame) })
    .optional(),
  candidateResult: WireCandidateResult.optional(),
  failure: z.string().min(1).max(4000).optional(),
});

export function decodeGetRequest(raw: unknown): string {
  return WireGetRequest.parse(raw).id;
}

export function decodeWatchRequest(raw: unknown): { id: string; afterSeq: number } {
  const wire = WireWatchRequest.parse(raw);
  return { id: wire.id, afterSeq: wire.afterSequence };
}

export function decodeListRequest(raw: unknown): { filter: HealingFilter; page: PageRequest } {
  const wire = WireListRequest.parse(raw);
  return {
    filter: {
      ...(wire.state ? { state: wire.state } : {}),
      ...(wire.service ? { service: wire.service } : {}),
      ...(wire.category ? { category: wire.category } : {}),
    },
    page: { size: wire.pageSize || DEFAULT_PAGE_SIZE, token: wire.pageToken || null },
  };
}

export interface DecideCommand {
  healingId: string;
  decision: 'approve' | 'reject';
  actor: string;
  reason: string;
  roles: string[];
  /** Empty on the wire: any. */
  candidateId: string | null;
}

export function decodeDecideRequest(raw: unknown): DecideCommand {
  const wire = WireDecideRequest.parse(raw);
  if (wire.decision === 'rollback') {
    throw new InvalidRequestError(
      'decision rollback is not served by Decide (delivery rolls back); use approve or reject',
    );
  }
  return {
    healingId: wire.healingId,
    decision: wire.decision,
    actor: wire.decidedBy,
    reason: wire.reason,
    roles: wire.roles,
    candidateId: wire.candidateId || null,
  };
}

export function decodeReportRequest(raw: unknown): StageReport {
  const wire = WireReportRequest.parse(raw);
  return { healingId: wire.healingId, reportId: wire.reportId, stage: wire.stage, outcome: outcomeOf(wire) };
}

function outcomeOf(wire: z.infer<typeof WireReportRequest>): StageOutcome {
  switch (wire.result) {
    case 'analysis':
      return { kind: 'analysis', analysis: decodeAnalysis(wire.analysis) };
    case 'candidates': {
      const list = wire.candidates ?? { candidates: [], sourceFrames: [] };
      const fixes = decodeFixResult({ candidates: list.candidates, target: list.target });
      return {
        kind: 'candidates',
        candidates: fixes.candidates,
        target: fixes.target,
        sourceFrames: list.sourceFrames.map(fromWireFrame),
      };
    }
    case 'candidateResult':
      if (!wire.candidateResult) throw new InvalidRequestError('candidate_result is empty');
      return { kind: 'candidate-result', result: fromWireResult(wire.candidateResult) };
    case 'failure':
      if (!wire.failure) throw new InvalidRequestError('failure needs a reason');
      return { kind: 'failure', reason: wire.failure };
  }
}

function fromWireFrame(wire: z.infer<typeof WireFrame>): Frame {
  return {
    file: wire.file,
    line: wire.line ?? null,
    column: wire.column ?? null,
    function: wire.function ?? null,
    module: wire.module ?? null,
    inApp: wire.inApp,
    ...(wire.async === undefined ? {} : { async: wire.async }),
  };
}

function fromWireResult(wire: z.infer<typeof WireCandidateResult>): CandidateResult {
  return {
    candidateId: wire.candidateId,
    strategy: wire.strategy,
    passed: wire.passed,
    failedStep: wire.failedStep ?? null,
    durationMs: wire.durationMs,
    steps: wire.steps.map(
      (s): StepResult => ({
        step: s.step,
        // A first-version client sends only `passed`.
        status: s.status || (s.passed ? 'passed' : 'failed'),
        durationMs: s.durationMs,
        command: s.command ?? null,
        exitCode: s.exitCode ?? null,
        timedOut: s.timedOut,
        outputTail: s.outputTail,
        detail: s.detail,
      }),
    ),
  };
}

// ---- answers ----

export function encodeHealingEvent(event: HealingEvent): Record<string, unknown> {
  return {
    sequence: event.seq,
    type: event.type,
    at: event.at,
    summary: event.reason,
    detailJson: JSON.stringify(event.data),
    actor: event.actor,
  };
}

export function encodeHealing(view: HealingView): Record<string, unknown> {
  return {
    id: view.id,
    state: view.state,
    fingerprint: view.fingerprint,
    service: view.service,
    category: view.category,
    event: encodeErrorEvent(view.event),
    ...(view.analysis ? { analysis: encodeAnalysis(view.analysis) } : {}),
    candidates: view.candidates,
    results: view.results.map(encodeCandidateResult),
    events: view.events.map(encodeHealingEvent),
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    ...present({ environment: view.environment, winner: view.winner, diff: view.diff }),
    approval: encodeApproval(view.approval),
    ...(view.occurrences
      ? {
          occurrences: {
            count: view.occurrences.count,
            firstSeen: view.occurrences.firstSeen,
            lastSeen: view.occurrences.lastSeen,
          },
        }
      : {}),
    summaryOnly: false,
  };
}

/** A list entry: a Healing with the summary's fields only (summary_only = true). */
export function encodeSummary(summary: HealingSummary): Record<string, unknown> {
  const { id, state, fingerprint, service, category, createdAt, updatedAt } = summary;
  return { id, state, fingerprint, service, category, createdAt, updatedAt, summaryOnly: true };
}

export function encodeCandidateResult(result: CandidateResult): Record<string, unknown> {
  return {
    candidateId: result.candidateId,
    strategy: result.strategy,
    passed: result.passed,
    ...present({ failedStep: result.failedStep }),
    durationMs: Math.round(result.durationMs),
    steps: result.steps.map((s) => ({
      step: s.step,
      passed: s.status === 'passed',
      durationMs: Math.round(s.durationMs),
      detail: s.detail,
      status: s.status,
      ...present({ command: s.command, exitCode: s.exitCode }),
      timedOut: s.timedOut,
      outputTail: s.outputTail,
    })),
  };
}

function encodeErrorEvent(event: ErrorEvent): Record<string, unknown> {
  return {
    ...event,
    runtime: event.runtime ? { name: event.runtime.name, ...present({ version: event.runtime.version }) } : undefined,
    frames: event.frames.map(encodeFrame),
    sourceFrames: event.sourceFrames.map(encodeFrame),
    context: { ...present({ requestId: event.context.requestId }), tags: event.context.tags },
  };
}

function encodeApproval(approval: ApprovalStatus): Record<string, unknown> {
  const risk = approval.risk;
  return {
    ...present({ tier: approval.tier }),
    required: approval.required,
    approvals: approval.approvals,
    approved: approval.approved,
    rejected: approval.rejected,
    ...(risk
      ? {
          risk: {
            score: Math.round(risk.score),
            tier: risk.tier,
            reviewersRequired: risk.reviewersRequired,
            parts: risk.parts.map((p) => ({ name: p.name, points: Math.round(p.points), detail: p.detail })),
          },
        }
      : {}),
  };
}

/** proto3 `optional`: a null is left out. */
function present(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined));
}
