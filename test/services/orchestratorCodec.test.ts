import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  decodeDecideRequest,
  decodeListRequest,
  decodeReportRequest,
  decodeWatchRequest,
  encodeCandidateResult,
} from '../../services/shared/healingCodec.ts';
import { loadProtos } from '../../services/shared/protoLoader.ts';
import { InvalidRequestError } from '../../services/shared/serviceErrors.ts';
import { type CrashMaterial, crashMaterial, ladderResult, wireReports } from './orchestratorSeed.ts';

/** Requests go through the service definition's own protobuf serializers, so the decoders see real wire shapes. */
function overTheWire(method: string, request: unknown): unknown {
  const definition = loadProtos().orchestrator[method];
  if (!definition) throw new Error(`no method ${method}`);
  return definition.requestDeserialize(definition.requestSerialize(request));
}

let material: CrashMaterial;

beforeAll(async () => {
  material = await crashMaterial();
});

describe('healing codec', () => {
  it('decodes each kind of stage report into the core types', () => {
    const reports = wireReports(material);
    const analysis = decodeReportRequest(overTheWire('ReportStageResult', reports.analysis('h', 'r1')));
    expect(analysis).toEqual({
      healingId: 'h',
      reportId: 'r1',
      stage: 'analyze',
      outcome: { kind: 'analysis', analysis: material.analysis },
    });
    const candidates = decodeReportRequest(overTheWire('ReportStageResult', reports.candidates('h', 'r2')));
    expect(candidates.outcome).toEqual({
      kind: 'candidates',
      candidates: material.candidates,
      sourceFrames: material.sourceFrames,
      target: material.target,
    });
    const winner = material.candidates[0]!;
    const result = decodeReportRequest(overTheWire('ReportStageResult', reports.result('h', 'r3', winner, false)));
    expect(result.outcome).toEqual({ kind: 'candidate-result', result: ladderResult(winner, false) });
    const failure = overTheWire('ReportStageResult', { healingId: 'h', reportId: 'r4', stage: 'patch', failure: 'x' });
    expect(decodeReportRequest(failure).outcome).toEqual({ kind: 'failure', reason: 'x' });
  });

  it('reads a first-version step result, which has `passed` but no status', () => {
    const encoded = encodeCandidateResult(ladderResult(material.candidates[0]!, false)) as {
      steps: Record<string, unknown>[];
    };
    const firstVersion = {
      ...encoded,
      steps: encoded.steps.map(({ step, passed, durationMs, detail }) => ({ step, passed, durationMs, detail })),
    };
    const wire = overTheWire('ReportStageResult', {
      healingId: 'h',
      reportId: 'r',
      stage: 'validate',
      candidateResult: firstVersion,
    });
    const decoded = decodeReportRequest(wire).outcome;
    if (decoded.kind !== 'candidate-result') throw new Error(`decoded a ${decoded.kind}`);
    expect(decoded.result.steps.map((s) => [s.step, s.status, s.command])).toEqual([
      ['syntax', 'passed', null],
      ['test', 'failed', null],
    ]);
  });

  it('refuses reports without a result, unknown stages, and rollback decisions', () => {
    expect(() =>
      decodeReportRequest(overTheWire('ReportStageResult', { healingId: 'h', reportId: 'r', stage: 'patch' })),
    ).toThrow(ZodError);
    expect(() =>
      decodeReportRequest(
        overTheWire('ReportStageResult', { healingId: 'h', reportId: 'r', stage: 'x', failure: 'f' }),
      ),
    ).toThrow(ZodError);
    const rollback = overTheWire('Decide', { healingId: 'h', decision: 'rollback', decidedBy: 'a', reason: 'r' });
    expect(() => decodeDecideRequest(rollback)).toThrow(InvalidRequestError);
    const approve = overTheWire('Decide', { healingId: 'h', decision: 'approve', decidedBy: 'a', roles: ['security'] });
    expect(decodeDecideRequest(approve)).toEqual({
      healingId: 'h',
      decision: 'approve',
      actor: 'a',
      reason: '',
      roles: ['security'],
      candidateId: null,
    });
  });

  it('turns list and watch requests into the desk arguments (int64 as strings, defaults)', () => {
    expect(decodeListRequest(overTheWire('ListHealings', {}))).toEqual({
      filter: {},
      page: { size: 50, token: null },
    });
    expect(
      decodeListRequest(overTheWire('ListHealings', { state: 'no-fix', category: 'null-reference', pageSize: 5 })),
    ).toEqual({ filter: { state: 'no-fix', category: 'null-reference' }, page: { size: 5, token: null } });
    expect(decodeWatchRequest(overTheWire('WatchHealing', { id: 'h', afterSequence: 12 }))).toEqual({
      id: 'h',
      afterSeq: 12,
    });
  });
});
