import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryTrackRecords } from '../../core/approve/memoryTrackRecords.ts';
import { riskPolicyFor } from '../../core/approve/riskPolicy.ts';
import { HealingDesk } from '../../core/operate/healingDesk.ts';
import {
  DecisionRefusedError,
  HealingConflictError,
  HealingNotFoundError,
  InvalidPageTokenError,
  InvalidReportError,
} from '../../core/operate/operateErrors.ts';
import type { StageReport } from '../../core/operate/stageReport.ts';
import { HealingRecorder } from '../../core/workflow/healingRecorder.ts';
import type { HealingEvent } from '../../core/workflow/healingWorkflow.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { type CrashMaterial, crashMaterial, ladderResult, seedDetected } from './orchestratorSeed.ts';

/** The desk over a real SQLite store and the core's recorder; the healing's contents come from a real crash. */

let material: CrashMaterial;

beforeAll(async () => {
  material = await crashMaterial();
});

function deskOver(store = new SqliteHealingStore(':memory:')) {
  const trackRecords = new MemoryTrackRecords();
  return {
    store,
    trackRecords,
    desk: new HealingDesk({ store, trackRecords, watchIntervalMs: 20, riskPolicy: REVIEWED }),
  };
}

function report(healingId: string, reportId: string, rest: Pick<StageReport, 'stage' | 'outcome'>): StageReport {
  return { healingId, reportId, ...rest };
}

/** Every path critical: the seeded patches need a reviewer (staging), so decisions have something to decide. */
const REVIEWED = (environment: string) => ({ ...riskPolicyFor(environment), criticalPaths: ['**'] });

/** Analysis, candidates, then a result per candidate (only the first passes): the healing awaits approval. */
async function healToApproval(desk: HealingDesk, id: string): Promise<void> {
  await desk.reportStageResult(
    report(id, `${id}-a`, { stage: 'analyze', outcome: { kind: 'analysis', analysis: material.analysis } }),
  );
  await desk.reportStageResult(
    report(id, `${id}-p`, {
      stage: 'patch',
      outcome: {
        kind: 'candidates',
        candidates: material.candidates,
        sourceFrames: material.sourceFrames,
        target: material.target,
      },
    }),
  );
  for (const [i, candidate] of material.candidates.entries()) {
    await desk.reportStageResult(
      report(id, `${id}-v${i}`, {
        stage: 'validate',
        outcome: { kind: 'candidate-result', result: ladderResult(candidate, i === 0) },
      }),
    );
  }
}

describe('HealingDesk', () => {
  it('applies stage reports through the core, once per report id', async () => {
    const { store, desk } = deskOver();
    await seedDetected(store, 'h1', material);
    const analysis = report('h1', 'r-analysis', {
      stage: 'analyze',
      outcome: { kind: 'analysis', analysis: material.analysis },
    });
    expect(await desk.reportStageResult(analysis)).toEqual({ state: 'analyzed', applied: true });
    expect(await desk.reportStageResult(analysis)).toEqual({ state: 'analyzed', applied: false });
    // Another id with the same content is a retry of recorded work: nothing new is recorded.
    expect(await desk.reportStageResult({ ...analysis, reportId: 'r-analysis-2' })).toEqual({
      state: 'analyzed',
      applied: true,
    });
    expect((await store.events('h1')).map((e) => e.type)).toEqual(['detected', 'analyzed']);

    const otherAnalysis = { ...material.analysis, rootCause: 'something else' };
    await expect(
      desk.reportStageResult(
        report('h1', 'r-x', { stage: 'analyze', outcome: { kind: 'analysis', analysis: otherAnalysis } }),
      ),
    ).rejects.toBeInstanceOf(HealingConflictError);
    await expect(
      desk.reportStageResult(
        report('h1', 'r-y', { stage: 'validate', outcome: { kind: 'analysis', analysis: material.analysis } }),
      ),
    ).rejects.toBeInstanceOf(InvalidReportError);
    await expect(
      desk.reportStageResult(
        report('nope', 'r-z', { stage: 'analyze', outcome: { kind: 'analysis', analysis: material.analysis } }),
      ),
    ).rejects.toBeInstanceOf(HealingNotFoundError);

    await healToApproval(desk, 'h1');
    const view = await desk.get('h1');
    expect(view.state).toBe('awaiting-approval');
    expect(view.event.errorType).toBe('TypeError');
    expect(view.analysis?.ruleId).toBe('js.null-reference.read-property');
    expect(view.candidates.map((c) => c.id)).toEqual(material.candidates.map((c) => c.id));
    expect(view.results).toHaveLength(material.candidates.length);
    expect(view.winner).toBe(material.candidates[0]!.id);
    expect(view.diff).toBe(material.candidates[0]!.diff);
    expect(view.diff).toContain('user?.name');
    expect(view.occurrences?.count).toBe(1);
    expect(view.approval).toMatchObject({ approved: false, rejected: false, required: 1, approvals: [] });
    expect(view.events.map((e) => e.type)).toEqual([
      'detected',
      'analyzed',
      'candidates-generated',
      'validation-started',
      ...material.candidates.map(() => 'candidate-result'),
      'validated',
      'risk-assessed',
      'approval-requested',
    ]);
  });

  it('applies a report sent several times at once exactly once', async () => {
    const { store, desk } = deskOver();
    await seedDetected(store, 'c', material);
    const analysis = report('c', 'same', {
      stage: 'analyze',
      outcome: { kind: 'analysis', analysis: material.analysis },
    });
    const answers = await Promise.all(Array.from({ length: 5 }, () => desk.reportStageResult(analysis)));
    expect(answers.filter((a) => a.applied)).toHaveLength(1);
    expect(answers.every((a) => a.state === 'analyzed')).toBe(true);
    expect((await store.events('c')).map((e) => e.type)).toEqual(['detected', 'analyzed']);
    const results = material.candidates.map((candidate, i) =>
      report('c', `r${i}`, {
        stage: 'validate',
        outcome: { kind: 'candidate-result', result: ladderResult(candidate, i === 0) },
      }),
    );
    await desk.reportStageResult(
      report('c', 'p', {
        stage: 'patch',
        outcome: { kind: 'candidates', candidates: material.candidates, sourceFrames: [], target: null },
      }),
    );
    // Every candidate's result at once, each twice: one result per candidate and one verdict. (Two first results
    // racing may both open the validation: `validation-started` is legal in `validating`, as for a redelivered
    // patch message in the Lambda pipeline, and changes nothing.)
    const all = await Promise.all([...results, ...results].map((r) => desk.reportStageResult(r)));
    expect(all.filter((a) => a.applied)).toHaveLength(results.length);
    const types = (await store.events('c')).map((e) => e.type);
    expect(types.filter((t) => t === 'validation-started').length).toBeGreaterThanOrEqual(1);
    expect(types.filter((t) => t === 'candidate-result')).toHaveLength(material.candidates.length);
    expect(types.slice(-3)).toEqual(['validated', 'risk-assessed', 'approval-requested']);
  });

  it('decides through core/approve: approval, a second approval by the same actor refused, rejection', async () => {
    const { store, desk, trackRecords } = deskOver();
    await seedDetected(store, 'h-approve', material);
    await seedDetected(store, 'h-reject', material);
    await healToApproval(desk, 'h-approve');
    await healToApproval(desk, 'h-reject');

    await expect(
      desk.decide('h-approve', { decision: 'approve', actor: 'alice', reason: 'ok', candidateId: 'not-the-winner' }),
    ).rejects.toBeInstanceOf(HealingConflictError);
    const approved = await desk.decide('h-approve', { decision: 'approve', actor: 'alice', reason: 'looks right' });
    expect(approved.approval.approved).toBe(true);
    expect(approved.approval.approvals).toEqual([expect.objectContaining({ actor: 'alice', reason: 'looks right' })]);
    const again = desk.decide('h-approve', { decision: 'approve', actor: 'alice', reason: 'twice' });
    await expect(again).rejects.toBeInstanceOf(DecisionRefusedError);
    await expect(again).rejects.toMatchObject({ reason: 'already-approved', code: 'conflict' });

    await expect(desk.decide('h-reject', { decision: 'reject', actor: 'bob', reason: '' })).rejects.toMatchObject({
      reason: 'reason-required',
      code: 'invalid-argument',
    });
    const rejected = await desk.decide('h-reject', { decision: 'reject', actor: 'bob', reason: 'wrong place' });
    expect(rejected.state).toBe('rejected');
    expect(rejected.events.at(-1)).toMatchObject({ type: 'rejected', actor: 'bob', reason: 'wrong place' });
    expect((await trackRecords.get('js.null-reference.read-property')).rejected).toBe(1);
  });

  it('lists newest first with filters and stable page tokens', async () => {
    const { store, desk } = deskOver();
    let clock = Date.parse('2026-11-20T10:00:00Z');
    const timed = new HealingDesk({
      store,
      trackRecords: new MemoryTrackRecords(),
      now: () => {
        clock += 1000;
        return new Date(clock);
      },
    });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await seedDetected(store, id, material);
    await timed.reportStageResult(
      report('c', 'c1', { stage: 'analyze', outcome: { kind: 'analysis', analysis: material.analysis } }),
    );
    await timed.reportStageResult(
      report('c', 'c2', { stage: 'patch', outcome: { kind: 'failure', reason: 'checkout failed' } }),
    );

    const all = (await desk.list({}, { size: 100, token: null })).healings;
    expect(all).toHaveLength(5);
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<HealingDesk['list']>> = await desk.list({}, { size: 2, token });
      seen.push(...page.healings.map((h) => h.id));
      token = page.nextToken;
      pages++;
      // A healing created between two pages does not shift the next page.
      if (pages === 1) await seedDetected(store, 'z-new', material);
    } while (token !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.map((h) => h.id));

    expect((await desk.list({ state: 'no-fix' }, { size: 10, token: null })).healings.map((h) => h.id)).toEqual(['c']);
    expect((await desk.list({ service: 'other' }, { size: 10, token: null })).healings).toEqual([]);
    const category = material.analysis.category;
    expect((await desk.list({ category }, { size: 10, token: null })).healings.length).toBe(6);
    expect((await desk.list({ category: 'no-such' }, { size: 10, token: null })).healings).toEqual([]);
    await expect(desk.list({}, { size: 2, token: 'garbage' })).rejects.toBeInstanceOf(InvalidPageTokenError);
  });

  it('watches: recorded events first, then events as they are appended, until a final state', async () => {
    const { store, desk } = deskOver();
    await seedDetected(store, 'w', material);
    const controller = new AbortController();
    const got: HealingEvent[] = [];
    const watching = (async () => {
      for await (const event of desk.watch('w', 0, controller.signal)) got.push(event);
    })();
    await desk.reportStageResult(
      report('w', 'w1', { stage: 'analyze', outcome: { kind: 'analysis', analysis: material.analysis } }),
    );
    await desk.reportStageResult(
      report('w', 'w2', { stage: 'patch', outcome: { kind: 'failure', reason: 'no checkout' } }),
    );
    await watching; // no-fix is final: the watch ends by itself
    expect(got.map((e) => [e.seq, e.type])).toEqual([
      [1, 'detected'],
      [2, 'analyzed'],
      [3, 'no-fix'],
    ]);
    const after: HealingEvent[] = [];
    for await (const event of desk.watch('w', 2, controller.signal)) after.push(event);
    expect(after.map((e) => e.seq)).toEqual([3]);

    await seedDetected(store, 'w2', material);
    const early = new AbortController();
    const stopped: HealingEvent[] = [];
    setTimeout(() => early.abort(), 100);
    for await (const event of desk.watch('w2', 0, early.signal)) stopped.push(event);
    expect(stopped.map((e) => e.type)).toEqual(['detected']);

    const unknown = desk.watch('missing', 0, controller.signal)[Symbol.asyncIterator]();
    await expect(unknown.next()).rejects.toBeInstanceOf(HealingNotFoundError);
  });

  it('ends a healing on stage failures where the workflow has an end', async () => {
    const { store, desk } = deskOver();
    await seedDetected(store, 'f', material);
    const failure = (reportId: string, stage: StageReport['stage']) =>
      desk.reportStageResult(report('f', reportId, { stage, outcome: { kind: 'failure', reason: `${stage} broke` } }));
    expect(await failure('f1', 'analyze')).toEqual({ state: 'detected', applied: true });
    await expect(failure('f2', 'patch')).rejects.toBeInstanceOf(HealingConflictError);
    await desk.reportStageResult(
      report('f', 'f3', { stage: 'analyze', outcome: { kind: 'analysis', analysis: material.analysis } }),
    );
    await desk.reportStageResult(
      report('f', 'f4', {
        stage: 'patch',
        outcome: {
          kind: 'candidates',
          candidates: material.candidates,
          sourceFrames: material.sourceFrames,
          target: material.target,
        },
      }),
    );
    expect(await failure('f5', 'validate')).toEqual({ state: 'validation-failed', applied: true });
    const types = (await store.events('f')).map((e) => e.type);
    expect(types).toEqual([
      'detected',
      'escalated',
      'analyzed',
      'candidates-generated',
      'validation-started',
      'validation-failed',
    ]);
  });

  it('asks for approval on healings a validate stage left validated (risk, tier, auto-approval)', async () => {
    const { store, desk } = deskOver();
    await seedDetected(store, 'v', material);
    // As a validate stage that stops at `validated` would leave it (the recorder checks every transition).
    const event = material.detected.event;
    const recorder = await HealingRecorder.open(store, 'v', {
      fingerprint: event.fingerprint,
      service: event.service,
      category: material.analysis.category,
    });
    const winner = material.candidates[0]!;
    await recorder.record('analyzed', 'matched', { analysis: material.analysis });
    await recorder.record('candidates-generated', '1 candidate', {
      candidates: [winner],
      sourceFrames: [],
      target: null,
    });
    await recorder.record('validation-started', 'validating');
    await recorder.record('candidate-result', 'passed', { result: ladderResult(winner, true) });
    await recorder.record('validated', 'passed', { winner: winner.id });

    expect(await desk.requestPendingApprovals()).toEqual({ asked: ['v'], failed: [] });
    const view = await desk.get('v');
    expect(view.state).toBe('awaiting-approval');
    expect(view.approval.risk).not.toBeNull();
    expect(view.approval.tier).toBe(view.approval.risk!.tier);
    expect(view.events.map((e) => e.type).slice(6, 8)).toEqual(['risk-assessed', 'approval-requested']);
    // The auto tiers are approved by `homeostasis` at once; the others wait for a person.
    const auto = view.approval.risk!.reviewersRequired === 0;
    expect(view.approval.approved).toBe(auto);
    expect(view.approval.approvals.map((a) => a.actor)).toEqual(auto ? ['homeostasis'] : []);
    expect(await desk.requestPendingApprovals()).toEqual({ asked: [], failed: [] });
  });
});
