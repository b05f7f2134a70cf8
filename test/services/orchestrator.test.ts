import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate } from '../../core/patch/candidate.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { SqliteTrackRecords } from '../../embedded/sqliteTrackRecords.ts';
import { encodeAnalysis } from '../../services/shared/pluginCodec.ts';
import { loadProtos } from '../../services/shared/protoLoader.ts';
import { type ConsulAgent, startConsulAgent } from '../setup/consulAgent.ts';
import {
  call,
  ORCHESTRATOR_TEST_API_KEY,
  type OrchestratorProcess,
  orchestratorClient,
  readStream,
  startOrchestratorProcess,
} from './orchestratorProcess.ts';
import { type CrashMaterial, crashMaterial, seedDetected, wireReports } from './orchestratorSeed.ts';

/**
 * The orchestrator as a real process (tsx, port 0) on a SQLite store seeded through the core's recorder with a
 * real crash's event, analysis and candidates; a Consul dev agent; a plain gRPC client.
 */

const SERVICE = 'homeostasis-orchestrator';

/** The parts of a Healing message (as @grpc/proto-loader decodes it) the tests read. */
interface WireHealing {
  id: string;
  diff?: string;
  event: Record<string, unknown>;
  analysis?: Record<string, unknown>;
  candidates: { id: string }[];
  results: { candidateId: string; steps: { status: string; command?: string }[] }[];
  events: { type: string; actor: string; detailJson: string }[];
  approval: Record<string, unknown>;
}
let consul: ConsulAgent;
let material: CrashMaterial;
let dir: string;
let dbPath: string;
let seedStore: SqliteHealingStore;
let orchestrator: OrchestratorProcess;
let client: grpc.Client;
const started: OrchestratorProcess[] = [];

async function start(env: Record<string, string> = {}): Promise<OrchestratorProcess> {
  const p = await startOrchestratorProcess({
    STORE: `sqlite:${dbPath}`,
    CONSUL_HTTP_ADDR: consul.httpAddress,
    WATCH_INTERVAL_MS: '50',
    // Every path critical: the seeded patches need a reviewer (staging), so decisions have something to decide.
    RISK_CRITICAL_PATHS: '**',
    ...env,
  });
  started.push(p);
  return p;
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

async function catalog(passingOnly: boolean): Promise<string[]> {
  const response = await fetch(
    `${consul.httpAddress}/v1/health/service/${SERVICE}${passingOnly ? '?passing=true' : ''}`,
  );
  const entries = (await response.json()) as { Service: { Address: string; Port: number } }[];
  return entries.map((e) => `${e.Service.Address}:${e.Service.Port}`);
}

const analysisReport = (healingId: string, reportId: string) => wireReports(material).analysis(healingId, reportId);
const candidatesReport = (healingId: string, reportId: string) => wireReports(material).candidates(healingId, reportId);
const resultReport = (healingId: string, reportId: string, candidate: Candidate, passed: boolean) =>
  wireReports(material).result(healingId, reportId, candidate, passed);

/** Moves a seeded healing to awaiting-approval over gRPC (the first candidate passes, the others fail). */
async function healOverGrpc(id: string): Promise<void> {
  await call(client, 'ReportStageResult', analysisReport(id, `${id}-a`));
  await call(client, 'ReportStageResult', candidatesReport(id, `${id}-p`));
  for (const [i, candidate] of material.candidates.entries()) {
    await call(client, 'ReportStageResult', resultReport(id, `${id}-v${i}`, candidate, i === 0));
  }
}

function codeOf(promise: Promise<unknown>): Promise<grpc.status> {
  return promise.then(
    () => grpc.status.OK,
    (error: grpc.ServiceError) => error.code,
  );
}

beforeAll(async () => {
  [consul, material] = await Promise.all([startConsulAgent(), crashMaterial()]);
  dir = mkdtempSync(path.join(tmpdir(), 'orchestrator-'));
  dbPath = path.join(dir, 'healings.db');
  seedStore = new SqliteHealingStore(dbPath);
  for (const id of ['h-report', 'h-list-1', 'h-list-2', 'h-list-3', 'h-watch', 'h-approve', 'h-reject']) {
    await seedDetected(seedStore, id, material);
  }
  orchestrator = await start();
  client = orchestratorClient(orchestrator.address);
}, 60_000);

afterAll(async () => {
  client?.close();
  for (const p of started) {
    if (await Promise.race([p.exited.then(() => true), sleep(0).then(() => false)])) continue;
    p.signal('SIGKILL');
    await p.exited;
  }
  seedStore?.close();
  await consul?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('orchestrator process', () => {
  it('registers in Consul as homeostasis-orchestrator and passes its gRPC health check', async () => {
    await until('the orchestrator passes its Consul check', async () =>
      (await catalog(true)).includes(orchestrator.address),
    );
    const { HealthClient } = loadProtos();
    const health = new HealthClient(orchestrator.address, grpc.credentials.createInsecure());
    const status = await call<{ status: string }>(health, 'Check', { service: 'homeostasis.v1.Orchestrator' });
    health.close();
    expect(status.status).toBe('SERVING');
  });

  it('applies stage reports once and serves the healing with its winner, diff and approval', async () => {
    const first = await call(client, 'ReportStageResult', analysisReport('h-report', 'r1'));
    expect(first).toEqual({ state: 'analyzed', applied: true });
    expect(await call(client, 'ReportStageResult', analysisReport('h-report', 'r1'))).toEqual({
      state: 'analyzed',
      applied: false,
    });
    expect(await call(client, 'ReportStageResult', candidatesReport('h-report', 'r2'))).toEqual({
      state: 'candidates-generated',
      applied: true,
    });
    const [winner, ...others] = material.candidates;
    for (const [i, candidate] of others.entries()) {
      expect(
        await call(client, 'ReportStageResult', resultReport('h-report', `r-fail-${i}`, candidate, false)),
      ).toEqual({
        state: 'validating',
        applied: true,
      });
    }
    expect(await call(client, 'ReportStageResult', resultReport('h-report', 'r-win', winner!, true))).toEqual({
      state: 'awaiting-approval',
      applied: true,
    });
    expect(await call(client, 'ReportStageResult', resultReport('h-report', 'r-win', winner!, true))).toEqual({
      state: 'awaiting-approval',
      applied: false,
    });

    const healing = await call<WireHealing>(client, 'GetHealing', { id: 'h-report' });
    expect(healing).toMatchObject({
      id: 'h-report',
      state: 'awaiting-approval',
      service: 'checkout',
      category: material.analysis.category,
      environment: 'staging',
      winner: winner!.id,
      diff: winner!.diff,
      summaryOnly: false,
      approval: { approved: false, rejected: false, required: 1, approvals: [] },
      occurrences: { count: '7' }, // every seeded healing is the same crash
    });
    expect(healing.diff).toContain('user?.name');
    expect(healing.event).toMatchObject({
      errorType: 'TypeError',
      fingerprint: material.detected.event.fingerprint,
    });
    expect(healing.analysis).toMatchObject({ ruleId: 'js.null-reference.read-property' });
    expect(healing.candidates.map((c) => c.id)).toEqual(material.candidates.map((c) => c.id));
    const passed = healing.results.find((r) => r.candidateId === winner!.id);
    expect(passed?.steps.map((s) => [s.status, s.command ?? null])).toEqual([
      ['passed', null],
      ['passed', 'npm test'],
    ]);
    expect(healing.events.map((e) => e.type).slice(-3)).toEqual(['validated', 'risk-assessed', 'approval-requested']);
    expect(JSON.parse(healing.events[1]!.detailJson)).toEqual({ analysis: material.analysis });

    expect(await codeOf(call(client, 'GetHealing', { id: 'no-such-healing' }))).toBe(grpc.status.NOT_FOUND);
    expect(
      await codeOf(call(client, 'ReportStageResult', { healingId: 'h-report', reportId: 'x', stage: 'analyze' })),
    ).toBe(grpc.status.INVALID_ARGUMENT);
    expect(
      await codeOf(call(client, 'ReportStageResult', { ...analysisReport('h-report', 'x'), stage: 'deliver' })),
    ).toBe(grpc.status.INVALID_ARGUMENT);
    // An analysis for a healing already awaiting approval, that differs from the recorded one.
    const stale = {
      ...analysisReport('h-report', 'y'),
      analysis: { ...encodeAnalysis(material.analysis), rootCause: 'other' },
    };
    expect(await codeOf(call(client, 'ReportStageResult', stale))).toBe(grpc.status.FAILED_PRECONDITION);
    expect(await codeOf(call(client, 'ReportStageResult', analysisReport('no-such-healing', 'z')))).toBe(
      grpc.status.NOT_FOUND,
    );
  });

  it('lists healings newest first, with filters and page tokens', async () => {
    await call(client, 'ReportStageResult', analysisReport('h-list-2', 'l1'));
    await call(client, 'ReportStageResult', {
      healingId: 'h-list-2',
      reportId: 'l2',
      stage: 'patch',
      failure: 'the checkout failed',
    });
    const all = await call<{ healings: { id: string; summaryOnly: boolean }[]; nextPageToken: string }>(
      client,
      'ListHealings',
      { pageSize: 100 },
    );
    expect(all.nextPageToken).toBe('');
    expect(all.healings.length).toBeGreaterThanOrEqual(7);
    expect(all.healings.every((h) => h.summaryOnly)).toBe(true);

    const seen: string[] = [];
    let pageToken = '';
    do {
      const page = await call<{ healings: { id: string }[]; nextPageToken: string }>(client, 'ListHealings', {
        pageSize: 3,
        pageToken,
      });
      expect(page.healings.length).toBeLessThanOrEqual(3);
      seen.push(...page.healings.map((h) => h.id));
      pageToken = page.nextPageToken;
    } while (pageToken !== '');
    expect(seen).toEqual(all.healings.map((h) => h.id));

    const noFix = await call<{ healings: { id: string; state: string }[] }>(client, 'ListHealings', {
      state: 'no-fix',
    });
    expect(noFix.healings.map((h) => [h.id, h.state])).toEqual([['h-list-2', 'no-fix']]);
    const byService = await call<{ healings: unknown[] }>(client, 'ListHealings', {
      service: 'checkout',
      pageSize: 100,
    });
    expect(byService.healings).toHaveLength(all.healings.length);
    expect((await call<{ healings: unknown[] }>(client, 'ListHealings', { service: 'billing' })).healings).toEqual([]);
    const byCategory = await call<{ healings: { category: string }[] }>(client, 'ListHealings', {
      category: material.analysis.category,
      pageSize: 100,
    });
    expect(byCategory.healings.length).toBe(all.healings.length);
    expect((await call<{ healings: unknown[] }>(client, 'ListHealings', { category: 'concurrency' })).healings).toEqual(
      [],
    );
    expect(await codeOf(call(client, 'ListHealings', { pageToken: 'not-a-token' }))).toBe(grpc.status.INVALID_ARGUMENT);
    expect(await codeOf(call(client, 'ListHealings', { state: 'sleeping' }))).toBe(grpc.status.INVALID_ARGUMENT);

    // The REST API of the same process answers from the same desk (what the load balancer and dashboard reach).
    const rest = `http://127.0.0.1:${orchestrator.httpPort}`;
    expect(await (await fetch(`${rest}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${rest}/v1/healings`)).status).toBe(401);
    const listed = await fetch(`${rest}/v1/healings?pageSize=200`, {
      headers: { 'x-api-key': ORCHESTRATOR_TEST_API_KEY },
    });
    const restIds = ((await listed.json()) as { healings: { id: string }[] }).healings.map((h) => h.id);
    expect(restIds).toEqual(all.healings.map((h) => h.id));
  });

  it('streams the events recorded while watching and ends when the healing reaches a final state', async () => {
    const watch = readStream(client, 'WatchHealing', { id: 'h-watch', afterSequence: 0 });
    await until('the detected event arrives', async () => watch.messages.length === 1, 10_000);
    await call(client, 'ReportStageResult', analysisReport('h-watch', 'w1'));
    await call(client, 'ReportStageResult', candidatesReport('h-watch', 'w2'));
    await call(client, 'ReportStageResult', {
      healingId: 'h-watch',
      reportId: 'w3',
      stage: 'validate',
      failure: 'no runner',
    });
    expect(await watch.done).toMatchObject({ code: grpc.status.OK });
    expect(watch.messages.map((m) => [m['sequence'], m['type'], m['actor']])).toEqual([
      ['1', 'detected', 'homeostasis'],
      ['2', 'analyzed', 'homeostasis'],
      ['3', 'candidates-generated', 'homeostasis'],
      ['4', 'validation-started', 'homeostasis'],
      ['5', 'validation-failed', 'homeostasis'],
    ]);
    const resumed = readStream(client, 'WatchHealing', { id: 'h-watch', afterSequence: 3 });
    expect(await resumed.done).toMatchObject({ code: grpc.status.OK });
    expect(resumed.messages.map((m) => m['sequence'])).toEqual(['4', '5']);

    const missing = readStream(client, 'WatchHealing', { id: 'no-such-healing', afterSequence: 0 });
    expect((await missing.done).code).toBe(grpc.status.NOT_FOUND);
  });

  it('decides: approve, the same approver again refused, reject, and a rollback refused', async () => {
    await healOverGrpc('h-approve');
    await healOverGrpc('h-reject');
    const winner = material.candidates[0]!.id;
    const approved = await call<{ state: string; healing: WireHealing }>(client, 'Decide', {
      healingId: 'h-approve',
      decision: 'approve',
      candidateId: winner,
      decidedBy: 'alice',
      reason: 'the guard is right',
    });
    expect(approved.state).toBe('awaiting-approval'); // approved is a fact: delivery moves the state on
    expect(approved.healing.approval).toMatchObject({
      approved: true,
      approvals: [{ actor: 'alice', reason: 'the guard is right' }],
    });
    expect(approved.healing.events.at(-1)).toMatchObject({ type: 'approved', actor: 'alice' });
    const decide = (request: Record<string, unknown>) =>
      codeOf(call(client, 'Decide', { decision: 'approve', decidedBy: 'alice', reason: 'again', ...request }));
    expect(await decide({ healingId: 'h-approve' })).toBe(grpc.status.FAILED_PRECONDITION);
    expect(await decide({ healingId: 'h-reject', candidateId: 'someone-else' })).toBe(grpc.status.FAILED_PRECONDITION);
    expect(await decide({ healingId: 'h-reject', decision: 'rollback' })).toBe(grpc.status.INVALID_ARGUMENT);
    expect(await decide({ healingId: 'h-reject', decision: 'reject', reason: '' })).toBe(grpc.status.INVALID_ARGUMENT);
    expect(await decide({ healingId: 'no-such-healing' })).toBe(grpc.status.NOT_FOUND);

    const rejected = await call<{ state: string; healing: WireHealing }>(client, 'Decide', {
      healingId: 'h-reject',
      decision: 'reject',
      decidedBy: 'bob',
      reason: 'the fix belongs in the caller',
    });
    expect(rejected.state).toBe('rejected');
    expect(rejected.healing.approval).toMatchObject({ rejected: true, approved: false });
    expect(await decide({ healingId: 'h-reject' })).toBe(grpc.status.FAILED_PRECONDITION);
    // The rule's track record, in the same SQLite file: one patch accepted, one rejected.
    const records = new SqliteTrackRecords(dbPath);
    expect(await records.get(material.analysis.ruleId!)).toMatchObject({ accepted: 1, rejected: 1 });
    records.close();
  });

  it('on SIGTERM turns NOT_SERVING, deregisters, ends watch streams with a resume point and drains a call', async () => {
    // A second process on the same store whose unary calls wait 1.5 s (test hook), so one is surely in flight.
    const slow = await start({ CALL_DELAY_MS: '1500', DRAIN_TIMEOUT_MS: '10000' });
    await until('the slow orchestrator passes', async () => (await catalog(true)).includes(slow.address));
    const slowClient = orchestratorClient(slow.address);
    await seedDetected(seedStore, 'h-drain', material);

    // A watch whose deadline passes: the server must let go of it (it is not among the streams shutdown ends).
    const expiring = readStream(slowClient, 'WatchHealing', { id: 'h-drain', afterSequence: 0 }, { deadlineMs: 300 });
    expect((await expiring.done).code).toBe(grpc.status.DEADLINE_EXCEEDED);
    // A unary call whose deadline passes while it waits is not run.
    expect(await codeOf(call(slowClient, 'ReportStageResult', analysisReport('h-drain', 'late'), 500))).toBe(
      grpc.status.DEADLINE_EXCEEDED,
    );
    await sleep(1_300); // past the server's 1.5 s hold: the call would have run by now
    expect((await seedStore.events('h-drain')).map((e) => e.type)).toEqual(['detected']);

    const watch = readStream(slowClient, 'WatchHealing', { id: 'h-drain', afterSequence: 0 });
    await until('the watch has the detected event', async () => watch.messages.length === 1, 10_000);
    const inFlight = call<{ state: string; applied: boolean }>(
      slowClient,
      'ReportStageResult',
      analysisReport('h-drain', 'd1'),
    );
    await sleep(300);
    const signalledAt = Date.now();
    slow.signal('SIGTERM');

    expect(await inFlight).toEqual({ state: 'analyzed', applied: true });
    const ended = await watch.done;
    expect(ended.code).toBe(grpc.status.UNAVAILABLE);
    expect(ended.details).toMatch(/resume with after_sequence=1$/);
    expect(await slow.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeGreaterThan(1_000); // it waited for the call
    expect(await catalog(false)).not.toContain(slow.address);
    expect(await catalog(false)).toContain(orchestrator.address);

    const messages = slow.logs.map((l) => l['message']);
    const order = [
      'shutting down',
      'health NOT_SERVING',
      'deregistered',
      'ended watch streams',
      'drained in-flight calls',
    ];
    expect(order.map((m) => messages.indexOf(m))).toEqual(
      [...order.map((m) => messages.indexOf(m))].sort((a, b) => a - b),
    );
    expect(order.every((m) => messages.includes(m))).toBe(true);
    expect(slow.logs.find((l) => l['message'] === 'ended watch streams')?.['count']).toBe(1);
    slowClient.close();
    // The event the drained call recorded is in the shared store.
    expect((await seedStore.events('h-drain')).map((e) => e.type)).toEqual(['detected', 'analyzed']);
  });
});
