import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../adapters/aws/awsClients.ts';
import { DynamoHealingStore } from '../../adapters/aws/dynamoHealingStore.ts';
import { LambdaAliasTarget } from '../../adapters/aws/lambdaAliasTarget.ts';
import {
  deliverProgressively,
  deliveryStartedOf,
  type ProgressiveDeps,
} from '../../core/deliver/progressiveDelivery.ts';
import { HealingStoreObservation } from '../../core/deliver/progressiveObservation.ts';
import { type CanaryStep, progressivePolicy } from '../../core/deliver/progressivePlan.ts';
import type { DeliveryTarget, TargetState } from '../../core/deliver/progressivePorts.ts';
import { recordToApproval } from '../../core/deliver/progressiveTestKit.ts';
import { verifyDelivery } from '../../core/deliver/verification.ts';
import { killSwitchGate } from '../../core/limits/admitDelivery.ts';
import { HealingRecorder } from '../../core/workflow/healingRecorder.ts';
import { SqliteControlStore } from '../../embedded/sqliteControlStore.ts';
import { sourceEntryResolver } from '../../localstack/runtime/codeResolvers.ts';
import { type LocalRuntime, startLocalRuntime } from '../../localstack/runtime/localRuntime.ts';
import { ROOT } from '../cliHarness.ts';
import { type LocalCloud, startLocalCloud, useEmulatorEnvironment } from '../setup/localCloud.ts';
import {
  crashOutput,
  createRole,
  deployIngest,
  type IngestPath,
  oldVersionErrors,
  until,
  zipOf,
} from './deliverySupport.ts';
import { createPipelineTables } from './support/pipelineTables.ts';

let cloud: LocalCloud;
let runtime: LocalRuntime | null = null;
let lambda: LambdaClient;
let clients: ReturnType<typeof createAwsClients>;
let store: DynamoHealingStore;
let ingest: IngestPath;
let role: string;
const logs: string[] = [];
const timings: Record<string, number> = {};

// The same bug in three services (one Lambda function each): reading a property of a missing customer.
const BUG = 'const customer = undefined;\nexport const tier = customer.tier;\n';
const crashOf = (service: string) => crashOutput(service, 'pricing.mjs', BUG);

/**
 * The old version's error rate in the canary cases: 3 crashes a second with all traffic on it, sent for 5 s before
 * the delivery (its baseline), then at the old version's share. A 20 % step of 3 s then expects 3 × 0.2 × 3 = 1.8
 * occurrences from the patched share if the fix did nothing (at least 1 is needed to judge it) and 7.2 from the old
 * version's 80 %, within the 99.9 % Poisson bound (13 at λ = 5, even if ingest lag makes the baseline read 30 % low).
 */
const OLD_RATE_PER_SECOND = 3;
const BASELINE_SEND_MS = 5_000;
const CANARY: CanaryStep[] = [
  { weight: 20, bakeMs: 3_000 },
  { weight: 50, bakeMs: 2_000 },
  { weight: 100, bakeMs: 0 },
];

beforeAll(async () => {
  cloud = await startLocalCloud();
  useEmulatorEnvironment(cloud.endpoint);
  const tables = await createPipelineTables(cloud.endpoint, 'dl');
  clients = createAwsClients();
  store = new DynamoHealingStore(clients.dynamo, tables);
  lambda = new LambdaClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: cloud.credentials });
  role = await createRole(cloud.endpoint, 'delivery-test');
  ingest = await deployIngest({ lambda, sqs: clients.sqs }, tables, role, 'dl');
  runtime = await startLocalRuntime({
    endpoint: cloud.endpoint,
    region: cloud.region,
    resolveCode: sourceEntryResolver(ROOT),
    failedVisibilitySeconds: 1,
    onLog: (line) => logs.push(line),
  });
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  clients?.dynamo.destroy();
  lambda?.destroy();
  await cloud?.stop();
  process.stdout.write(`delivery timings (ms): ${JSON.stringify(timings)}\n`);
});

/** The service's function at version 1 behind alias `live`, as the service's own deployment left it. */
async function deployService(service: string): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: service,
      Runtime: 'nodejs22.x',
      Role: role,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf("export const handler = async () => 'v1';\n") },
    }),
  );
  const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: service }));
  await lambda.send(new CreateAliasCommand({ FunctionName: service, Name: 'live', FunctionVersion: v1.Version }));
}

/**
 * The service's crash goes through the real ingest path (SQS → the ingest handler → DynamoDB), which opens a
 * healing; the stages this test is not about (analyze, patch, validate, approval) are recorded as they would be.
 */
async function approvedHealingOf(service: string): Promise<HealingRecorder> {
  const sent = Date.now();
  await ingest.send(service, crashOf(service));
  const [summary] = await until(`${service}'s healing`, async () => {
    const found = await store.list({ service });
    return found.length > 0 ? found : null;
  });
  if (!summary) throw new Error('no healing');
  timings[`${service}: crash sent → healing opened`] = Date.now() - sent;
  await until(`${service}'s detection`, async () => ((await store.events(summary.id)).length > 0 ? true : null));
  const { fingerprint, category } = summary;
  const recorder = await HealingRecorder.open(store, summary.id, { fingerprint, service, category });
  expect(recorder.state).toBe('detected');
  await recordToApproval(recorder, (type) => `${type} (recorded by the test)`);
  // The occurrence that opened the healing is older than the delivery's first step.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return recorder;
}

/** The real target, watched: the alias as it stood after each shift, and a hook run at a given weight. */
class WatchedTarget implements DeliveryTarget {
  readonly states: TargetState[] = [];
  readonly name: string;
  readonly weighted = true;
  constructor(
    private readonly inner: LambdaAliasTarget,
    private readonly onWeight: (weight: number) => Promise<void> = async () => {},
  ) {
    this.name = inner.name;
  }
  describe = () => this.inner.describe();
  publish = () => this.inner.publish();
  async shift(from: string, to: string, weight: number): Promise<void> {
    await this.inner.shift(from, to, weight);
    this.states.push(await this.inner.describe());
    await this.onWeight(weight);
  }
  async promote(to: string): Promise<void> {
    await this.inner.promote(to);
    await this.onWeight(100);
  }
  async rollback(from: string): Promise<void> {
    await this.inner.rollback(from);
    await this.onWeight(0);
  }
}

/** Polls every 200 ms; 1 s of grace at 100 % (the local ingest path lands an event ~1 s after it is sent). */
function depsFor(target: DeliveryTarget, steps: CanaryStep[]): ProgressiveDeps {
  return {
    target,
    observation: new HealingStoreObservation(store),
    mayContinue: async () => ({ admitted: true }),
    policy: progressivePolicy({ steps, pollMs: 200, graceMs: 1_000 }),
  };
}

const patched = zipOf("export const handler = async () => 'v2: patched';\n");
const targetOf = (service: string) =>
  new LambdaAliasTarget(lambda, { functionName: service, alias: 'live', bundle: async () => patched });

/** The baseline the delivery recorded when it started. */
function baselineOf(recorder: HealingRecorder): { occurrences: number; spanMs: number } {
  const { baseline } = deliveryStartedOf(recorder);
  if (!baseline) throw new Error('the delivery recorded no baseline');
  return baseline;
}

async function alias(service: string) {
  const out = await lambda.send(new GetAliasCommand({ FunctionName: service, Name: 'live' }));
  return { version: out.FunctionVersion, weights: out.RoutingConfig?.AdditionalVersionWeights ?? {} };
}

describe('progressive delivery to a Lambda alias on moto, judged on occurrences from the ingest path', () => {
  it('rolls back a canary whose fingerprint recurs beyond what the old version explains', async () => {
    await deployService('orders');
    const recorder = await approvedHealingOf('orders');
    const crash = crashOf('orders');
    const old = oldVersionErrors(ingest, 'orders', crash, OLD_RATE_PER_SECOND);
    await new Promise((resolve) => setTimeout(resolve, BASELINE_SEND_MS));
    let injected = 0;
    const target = new WatchedTarget(targetOf('orders'), async (weight) => {
      old.setWeight(weight);
      if (weight === 50) {
        injected = Date.now();
        // The patched half fails too, and worse: 15 crashes at once, where the old half explains ~1.5 a second.
        await Promise.all(Array.from({ length: 15 }, () => ingest.send('orders', crash)));
      }
    });
    const started = Date.now();
    const outcome = await deliverProgressively(
      recorder,
      depsFor(target, [
        { weight: 20, bakeMs: 3_000 },
        { weight: 50, bakeMs: 30_000 },
        { weight: 100, bakeMs: 0 },
      ]),
    ).finally(() => old.stop());
    expect(outcome).toMatchObject({ outcome: 'rolled-back', from: '1', to: '2' });
    timings['orders: recurrence sent → alias rolled back'] = Date.now() - injected;
    // Version 2 took 20 %, then 50 % of the alias's traffic before the recurrence was seen.
    expect(target.states).toEqual([
      { stable: '1', canary: '2', weight: 20 },
      { stable: '1', canary: '2', weight: 50 },
    ]);
    expect(await alias('orders')).toEqual({ version: '1', weights: {} });
    const steps = recorder.events.filter((e) => e.type === 'delivery-step').map((e) => e.data);
    timings['orders: baseline occurrences'] = baselineOf(recorder).occurrences;
    // The old version's 80 % kept erroring through the 20 % step: explained, so the step passed.
    expect(steps).toMatchObject([
      { weight: 20, outcome: 'successful' },
      { weight: 50, outcome: 'failed', newFingerprints: [] },
    ]);
    expect(Number(steps[0]?.['healedOccurrences'])).toBeGreaterThanOrEqual(1);
    expect(Number(steps[1]?.['healedOccurrences'])).toBeGreaterThan(Number(steps[1]?.['bound']));
    expect(recorder.events.at(-1)).toMatchObject({ type: 'rolled-back', data: { to: '1', from: '2' } });
    // Ended by the evidence, well before the 30 s bake would have.
    expect(Date.now() - started).toBeLessThan(20_000);
    // Version 2 is the patched package, byte for byte.
    const v2 = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'orders', Qualifier: '2' }));
    expect(v2.CodeSha256).toBe(createHash('sha256').update(patched).digest('base64'));
  });

  it('promotes a canary while the old version keeps erroring at its share, and verifies it after', async () => {
    await deployService('billing');
    const recorder = await approvedHealingOf('billing');
    const old = oldVersionErrors(ingest, 'billing', crashOf('billing'), OLD_RATE_PER_SECOND);
    await new Promise((resolve) => setTimeout(resolve, BASELINE_SEND_MS));
    const target = new WatchedTarget(targetOf('billing'), async (weight) => old.setWeight(weight));
    const outcome = await deliverProgressively(recorder, depsFor(target, CANARY)).finally(() => old.stop());
    expect(outcome).toEqual({ outcome: 'delivered', from: '1', to: '2' });
    expect(target.states.map((s) => s.weight)).toEqual([20, 50]);
    expect(await alias('billing')).toEqual({ version: '2', weights: {} });
    expect(recorder.state).toBe('delivered');
    const steps = recorder.events.filter((e) => e.type === 'delivery-step').map((e) => e.data);
    expect(steps.map((d) => d['outcome'])).toEqual(['successful', 'successful', 'successful']);
    // The old version's errors did arrive during both canary steps: it is not a silent canary that passed.
    for (const step of steps.slice(0, 2)) {
      expect(Number(step['healedOccurrences'])).toBeGreaterThanOrEqual(1);
      expect(Number(step['expectedFromPatched'])).toBeGreaterThanOrEqual(1);
    }
    timings['billing: baseline occurrences'] = baselineOf(recorder).occurrences;
    timings['billing: occurrences at 20 %'] = Number(steps[0]?.['healedOccurrences']);
    timings['billing: occurrences at 50 %'] = Number(steps[1]?.['healedOccurrences']);
    // The old version's last errors still in the ingest path land in the grace period, not against the fix.
    const verified = await verifyDelivery(recorder, {
      target,
      observation: new HealingStoreObservation(store),
      windowMs: 4_000,
      pollMs: 200,
      graceMs: 2_500,
    });
    expect(verified).toEqual({ outcome: 'verified', windowMs: 4_000 });
    expect(await alias('billing')).toEqual({ version: '2', weights: {} });
  });

  it('finds a delivered fix ineffective when the error recurs: rolls the alias back and escalates', async () => {
    await deployService('stock');
    const recorder = await approvedHealingOf('stock');
    const target = targetOf('stock');
    // Straight to 100 %: a canary of a healing seen once would pause for a person (no rate to judge it by).
    const deps = depsFor(target, [{ weight: 100, bakeMs: 0 }]);
    expect((await deliverProgressively(recorder, deps)).outcome).toBe('delivered');
    expect(await alias('stock')).toEqual({ version: '2', weights: {} });
    await new Promise((resolve) => setTimeout(resolve, 600)); // past the 500 ms grace
    await ingest.send('stock', crashOf('stock'));
    const outcome = await verifyDelivery(recorder, {
      target,
      observation: new HealingStoreObservation(store),
      windowMs: 30_000,
      pollMs: 200,
      graceMs: 500,
    });
    expect(outcome).toEqual({ outcome: 'ineffective', occurrences: 1, rolledBackTo: '1' });
    expect(await alias('stock')).toEqual({ version: '1', weights: {} });
    expect(recorder.events.slice(-3).map((e) => e.type)).toEqual(['ineffective', 'rolled-back', 'escalated']);
    expect(recorder.state).toBe('rolled-back');
  });

  it('holds a canary when the kill switch is turned on, and puts the alias back on the previous version', async () => {
    await deployService('cart');
    const recorder = await approvedHealingOf('cart');
    const control = new SqliteControlStore(join(mkdtempSync(join(tmpdir(), 'hs-control-')), 'control.db'));
    const target = new WatchedTarget(targetOf('cart'), async (weight) => {
      if (weight === 10) await control.setKillSwitch(true, 'ops', 'incident 42');
    });
    const outcome = await deliverProgressively(recorder, {
      ...depsFor(target, [
        { weight: 10, bakeMs: 20_000 },
        { weight: 100, bakeMs: 0 },
      ]),
      mayContinue: killSwitchGate({ control }),
    });
    expect(outcome).toMatchObject({ outcome: 'held', limit: 'kill-switch', from: '1', to: '2' });
    expect(target.states).toEqual([{ stable: '1', canary: '2', weight: 10 }]);
    expect(await alias('cart')).toEqual({ version: '1', weights: {} });
    expect(recorder.events.slice(-2)).toMatchObject([
      { type: 'delivery-held', data: { limit: 'kill-switch', weight: 10 } },
      { type: 'rolled-back', data: { to: '1', from: '2' } },
    ]);
  });

  it('refuses to start on an alias that already splits traffic', async () => {
    const target = targetOf('orders');
    await target.shift('1', '2', 20);
    await expect(target.publish()).rejects.toThrow(/already routes 20 % to version 2/);
    await target.rollback('1');
    expect(await alias('orders')).toEqual({ version: '1', weights: {} });
  });
});
