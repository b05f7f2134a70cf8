import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../adapters/aws/awsClients.ts';
import { DynamoControlStore } from '../../adapters/aws/dynamoControlStore.ts';
import { DynamoHealingStore } from '../../adapters/aws/dynamoHealingStore.ts';
import { DynamoServiceRegistry } from '../../adapters/aws/dynamoServiceRegistry.ts';
import { patchedLambdaBundle } from '../../adapters/aws/lambdaBundle.ts';
import { approvalStatus } from '../../core/approve/approvalStatus.ts';
import { decide } from '../../core/approve/decide.ts';
import { MemoryTrackRecords } from '../../core/approve/memoryTrackRecords.ts';
import { requestApproval } from '../../core/approve/requestApproval.ts';
import { riskPolicyFor } from '../../core/approve/riskPolicy.ts';
import { HealingRecorder } from '../../core/workflow/healingRecorder.ts';
import { ENV } from '../../infra/cdk/lib/contract.ts';
import { type DeliveryWiring, wireDelivery } from '../../services/orchestrator/deliveryWiring.ts';
import { createControlTable } from '../pipeline/adapters/controlTable.ts';
import { createRole, until, zipOf } from '../pipeline/deliverySupport.ts';
import { createPipelineTables, type PipelineTables } from '../pipeline/support/pipelineTables.ts';
import { type LocalCloud, startLocalCloud, useEmulatorEnvironment } from '../setup/localCloud.ts';
import { CRASHING_PROGRAM } from './nodeCrash.ts';
import { dynamoOrchestratorEnv, ORCHESTRATOR_TEST_API_KEY, startOrchestratorProcess } from './orchestratorProcess.ts';
import { type CrashMaterial, crashMaterial, ladderResult, seedDetected } from './orchestratorSeed.ts';

/**
 * The orchestrator's delivery sweep on moto: services registered with their source tarball in S3 and a Lambda
 * function + alias as delivery target, healings approved through the core, and the sweep function run directly.
 */

const CONTROL = 'od-control';
const BUCKET = 'od-sources';
const HANDLER = "export const handler = async () => 'v1';\n";
let cloud: LocalCloud;
let tables: PipelineTables;
let lambda: LambdaClient;
let store: DynamoHealingStore;
let control: DynamoControlStore;
let role: string;
const wirings: DeliveryWiring[] = [];
const logs: { level: string; message: string; fields: Record<string, unknown> }[] = [];
const trackRecords = new MemoryTrackRecords();

beforeAll(async () => {
  cloud = await startLocalCloud();
  useEmulatorEnvironment(cloud.endpoint);
  tables = await createPipelineTables(cloud.endpoint, 'od');
  const db = new DynamoDBClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: cloud.credentials });
  await createControlTable(db, CONTROL);
  db.destroy();
  const aws = createAwsClients();
  store = new DynamoHealingStore(aws.dynamo, tables);
  control = new DynamoControlStore(aws.dynamo, CONTROL);
  await aws.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  lambda = new LambdaClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: cloud.credentials });
  role = await createRole(cloud.endpoint, 'orchestrator-delivery-test');
}, 120_000);

afterAll(async () => {
  for (const wiring of wirings) wiring.close();
  lambda?.destroy();
  await cloud?.stop();
});

/** One orchestrator instance's delivery sweep over the shared tables, logging into `logs`. */
function instance(): DeliveryWiring {
  const wiring = wireDelivery({
    store,
    control,
    servicesTable: tables.services,
    concurrency: 2,
    environment: 'staging',
    log: (level, message, fields) => logs.push({ level, message, fields }),
  });
  wirings.push(wiring);
  return wiring;
}

/**
 * The service as its own deployment left it: the source (the crashing program and a handler) as a tarball in S3,
 * the function at version 1 behind alias `live`, and a registry item naming both, with a short plan (one step at
 * 100 % baked 600 ms, polled every 200 ms, a 1.5 s verification window).
 */
async function registerService(service: string, steps = [{ weight: 100, bakeMs: 600 }]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'od-src-'));
  writeFileSync(join(dir, 'app.js'), CRASHING_PROGRAM);
  writeFileSync(join(dir, 'index.mjs'), HANDLER);
  const archive = join(mkdtempSync(join(tmpdir(), 'od-tar-')), 'source.tar.gz');
  await tar.c({ gzip: true, cwd: dir, file: archive }, ['app.js', 'index.mjs']);
  const key = `${service}/source.tar.gz`;
  await createAwsClients().s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: readFileSync(archive) }));
  const functionName = `od-${service}`;
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: functionName,
      Runtime: 'nodejs22.x',
      Role: role,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf(HANDLER) },
    }),
  );
  const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: functionName }));
  await lambda.send(new CreateAliasCommand({ FunctionName: functionName, Name: 'live', FunctionVersion: v1.Version }));
  await new DynamoServiceRegistry(createAwsClients().dynamo, tables.services).put({
    service,
    language: 'javascript',
    source: { kind: 's3', bucket: BUCKET, key },
    testCommand: 'node --check app.js',
    pathMappings: [],
    delivery: {
      kind: 'lambda',
      functionName,
      alias: 'live',
      steps,
      pollMs: 200,
      graceMs: 0,
      verifyWindowMs: 1_500,
    },
  });
  return dir;
}

/** A healing of `service`'s crash taken to awaiting-approval and approved, through the core's recorder. */
async function approvedHealing(id: string, material: CrashMaterial): Promise<HealingRecorder> {
  await seedDetected(store, id, material);
  const { fingerprint, service, category } = material.detected.event;
  const recorder = await HealingRecorder.open(store, id, { fingerprint, service, category });
  const winner = material.candidates[0]!;
  await recorder.record('analyzed', 'matched', { analysis: material.analysis });
  await recorder.record('candidates-generated', '1 candidate', { candidates: [winner] });
  await recorder.record('validation-started', 'validating');
  await recorder.record('candidate-result', 'passed', { result: ladderResult(winner, true) });
  await recorder.record('validated', 'passed', { winner: winner.id });
  await requestApproval(recorder, { policy: riskPolicyFor('staging'), trackRecords });
  for (const actor of ['alice', 'bob']) {
    if (approvalStatus(recorder.events).approved) break;
    await decide(
      recorder,
      { decision: 'approve', actor, reason: 'looks right', roles: ['security'] },
      { trackRecords },
    );
  }
  expect(approvalStatus(recorder.events).approved).toBe(true);
  expect(recorder.state).toBe('awaiting-approval');
  return recorder;
}

async function alias(functionName: string) {
  const out = await lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: 'live' }));
  return { version: out.FunctionVersion, weights: out.RoutingConfig?.AdditionalVersionWeights ?? {} };
}

const typesOf = async (id: string) => (await store.events(id)).map((e) => e.type);

describe('the orchestrator delivery sweep (moto)', () => {
  it('delivers an approved healing to its alias at 100 %, once across two instances, then verifies it', async () => {
    const material = await crashMaterial('checkout');
    const sourceDir = await registerService('checkout');
    await approvedHealing('od-1', material);
    const [a, b] = [instance(), instance()];

    const started = Date.now();
    const reports = await Promise.all([a.sweeper.sweep(), b.sweeper.sweep()]);
    await Promise.all([a.sweeper.settled(), b.sweeper.settled()]);
    const deliveredMs = Date.now() - started;
    expect(reports.flatMap((r) => r.failed)).toEqual([]);
    const types = await typesOf('od-1');
    // Both instances may have started; the conditional append of `delivery-started` let exactly one go on.
    expect(types.filter((t) => t === 'delivery-started')).toHaveLength(1);
    expect(types.slice(-3)).toEqual(['delivery-started', 'delivery-step', 'delivered']);
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);

    const live = await alias('od-checkout');
    expect(live.weights).toEqual({});
    expect(live.version).not.toBe('1');
    // The version the alias serves holds exactly the patched bundle: the winner's app.js in the source tree.
    const patched = await patchedLambdaBundle(sourceDir, material.candidates[0]!.edits);
    const published = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'od-checkout', Qualifier: live.version }),
    );
    expect(published.CodeSha256).toBe(createHash('sha256').update(patched).digest('base64'));
    const unzipped = unzip(patched);
    expect(unzipped['index.mjs']).toBe(HANDLER);
    expect(unzipped['app.js']).toBe(material.candidates[0]!.edits[0]!.after);
    expect(unzipped['app.js']).not.toBe(CRASHING_PROGRAM);

    const pending = await a.sweeper.sweep();
    expect(pending.verification).toEqual([{ id: 'od-1', outcome: 'pending' }]);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const looks = await Promise.all([a.sweeper.sweep(), b.sweeper.sweep()]);
    expect(looks.flatMap((r) => r.verification.map((v) => v.outcome))).toContain('verified');
    expect((await typesOf('od-1')).filter((t) => t === 'verified')).toHaveLength(1);
    const raced = reports.filter((r) => r.started.includes('od-1')).length;
    const superseded = logs.filter((l) => l.message === 'delivery superseded').length;
    process.stdout.write(
      `orchestrator delivery: approved → delivered in ${deliveredMs} ms; started by ${raced} instance(s), ` +
        `${superseded} superseded\n`,
    );
  }, 40_000);

  it('holds an approved healing while the kill switch is on, without touching the alias', async () => {
    const material = await crashMaterial('ledger');
    await registerService('ledger');
    await approvedHealing('od-2', material);
    await control.setKillSwitch(true, 'oncall', 'incident in progress');
    try {
      const sweeper = instance().sweeper;
      expect((await sweeper.sweep()).started).toEqual(['od-2']);
      await sweeper.settled();
      await sweeper.sweep();
      await sweeper.settled();
      const events = await store.events('od-2');
      expect(events.filter((e) => e.type === 'delivery-held')).toHaveLength(1);
      expect(events.at(-1)).toMatchObject({ type: 'delivery-held', data: { limit: 'kill-switch', by: 'oncall' } });
      expect(events.map((e) => e.type)).not.toContain('delivery-started');
      expect(await alias('od-ledger')).toEqual({ version: '1', weights: {} });
      const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'od-ledger' }));
      expect(versions.Versions?.map((v) => v.Version).sort()).toEqual(['$LATEST', '1']);
    } finally {
      await control.setKillSwitch(false, 'oncall', 'incident over');
    }
  }, 30_000);

  it('pauses a canary whose orchestrator was killed, and a reviewer rolls it back through the REST API', async () => {
    const material = await crashMaterial('payments');
    // 10 % baked 8 s: the first orchestrator is killed during that bake, before the step is recorded.
    await registerService('payments', [
      { weight: 10, bakeMs: 8_000 },
      { weight: 100, bakeMs: 600 },
    ]);
    await approvedHealing('od-4', material);
    const env = orchestratorEnv();
    const first = await startOrchestratorProcess({ ...env, DELIVERY_SWEEP_MS: '300' });
    let second: Awaited<ReturnType<typeof startOrchestratorProcess>> | null = null;
    try {
      const canary = await until('the 10 % canary', async () => {
        const live = await alias('od-payments');
        return Object.keys(live.weights).length > 0 ? live : null;
      });
      first.signal('SIGKILL');
      await first.exited;
      expect(canary.version).toBe('1');
      expect(Object.values(canary.weights)).toEqual([0.1]);
      expect((await typesOf('od-4')).at(-1)).toBe('delivery-started');

      // Allowed silence: the 8 s bake + two 200 ms polls + a 500 ms margin.
      second = await startOrchestratorProcess({ ...env, DELIVERY_SWEEP_MS: '300', DELIVERY_ORPHAN_MARGIN_MS: '500' });
      const paused = await until('od-4 paused as orphaned', async () => {
        const last = (await store.events('od-4')).at(-1);
        return last?.type === 'delivery-paused' ? last : null;
      });
      expect(paused.data).toMatchObject({ orphaned: true, weight: 10, traffic: { stable: '1', weight: 10 } });
      expect(await alias('od-payments')).toEqual(canary); // pausing leaves the traffic as it is

      const steer = (body: unknown) =>
        fetch(`http://127.0.0.1:${second?.httpPort}/v1/healings/od-4/delivery`, {
          method: 'POST',
          headers: { 'x-api-key': ORCHESTRATOR_TEST_API_KEY, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const rolledBack = await steer({ action: 'roll-back', reason: 'the task died mid-canary; back to v1' });
      expect(rolledBack.status).toBe(200);
      expect(await rolledBack.json()).toMatchObject({ state: 'rolled-back' });
      expect(await alias('od-payments')).toEqual({ version: '1', weights: {} });
      expect((await store.events('od-4')).at(-1)).toMatchObject({
        type: 'rolled-back',
        actor: 'tester',
        reason: expect.stringContaining('the task died mid-canary'),
      });
      const again = await steer({ action: 'resume', reason: 'too late' });
      expect(again.status).toBe(409);
    } finally {
      first.signal('SIGKILL');
      second?.signal('SIGKILL');
    }
  }, 60_000);

  it('runs in the orchestrator process on its DELIVERY_SWEEP_MS timer, logging as JSON', async () => {
    const material = await crashMaterial('billing');
    await registerService('billing');
    await approvedHealing('od-3', material);
    const orchestrator = await startOrchestratorProcess({ ...orchestratorEnv(), DELIVERY_SWEEP_MS: '300' });
    try {
      expect(orchestrator.logs.find((l) => l['message'] === 'orchestrator serving')).toMatchObject({
        deliverySweepMs: 300,
      });
      await until('od-3 delivered', async () => ((await typesOf('od-3')).includes('delivered') ? true : null), 20_000);
      expect((await alias('od-billing')).version).not.toBe('1');
      await until('the delivery logged', async () =>
        orchestrator.logs.find((l) => l['message'] === 'delivery delivered' && l['healingId'] === 'od-3'),
      );
      orchestrator.signal('SIGTERM');
      expect(await orchestrator.exited).toBe(0);
    } finally {
      orchestrator.signal('SIGKILL');
    }
  }, 45_000);
});

/** An orchestrator process on the test's tables and moto, with the services table: its delivery sweep is on. */
function orchestratorEnv(): Record<string, string> {
  return { ...dynamoOrchestratorEnv(cloud, tables, CONTROL), [ENV.servicesTable]: tables.services };
}

/** The entries of a zip, read by Python's zipfile (the interpreter moto runs on), not by the library that wrote it. */
function unzip(bytes: Uint8Array): Record<string, string> {
  const file = join(mkdtempSync(join(tmpdir(), 'od-zip-')), 'bundle.zip');
  writeFileSync(file, bytes);
  const script =
    'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({n: z.read(n).decode() for n in z.namelist()}))';
  const run = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`unzip failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, string>;
}
