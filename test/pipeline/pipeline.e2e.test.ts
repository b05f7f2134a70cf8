import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../adapters/aws/awsClients.ts';
import { DynamoHealingStore } from '../../adapters/aws/dynamoHealingStore.ts';
import { uploadSource } from '../../adapters/aws/sourceUpload.ts';
import { candidatesOf, pluginAnswersOf, resultsOf, winnerOf } from '../../core/heal/healingStages.ts';
import { buildGroupEvents, groupByStream } from '../../core/pipeline/ingestGroups.ts';
import { openHealing } from '../../core/pipeline/stageRunners.ts';
import { deriveState } from '../../core/workflow/healingWorkflow.ts';
import { CONSUL_SERVICE_NAMES, MAX_RECEIVE_COUNT, OUTPUT_KEYS } from '../../infra/cdk/lib/contract.ts';
import { deployLocal } from '../../localstack/deploy.ts';
import { cdkAssetResolver } from '../../localstack/runtime/codeResolvers.ts';
import { type LocalRuntime, startLocalRuntime } from '../../localstack/runtime/localRuntime.ts';
import { createRegistry } from '../../plugins/index.ts';
import { ROOT } from '../cliHarness.ts';
import { type LocalCloud, startLocalCloud, useEmulatorEnvironment } from '../setup/localCloud.ts';
import { type PluginServices, startPluginServices } from './support/pluginServices.ts';

const DEMO = join(ROOT, 'examples/orders-service');
const LINES = readFileSync(join(DEMO, 'logs/crash.log'), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
// The pricing error goes to a second service whose tests hang, to see a step timeout fail its candidate.
const TIER = "reading 'tier'";
const ORDER_LINES = LINES.filter((l) => !l.includes(TIER));
const SLOW_LINES = LINES.filter((l) => l.includes(TIER));
const LINES_PER_MESSAGE = 10;

let cloud: LocalCloud;
let services: PluginServices | null = null;
let runtime: LocalRuntime | null = null;
let outputs: Readonly<Record<string, string>>;
let clients: ReturnType<typeof createAwsClients>;
let store: DynamoHealingStore;
const timings: Record<string, number> = {};
const logs: string[] = [];
/** Every line the functions printed, for a failed run. */
const LOG_FILE = join(tmpdir(), `homeostasis-pipeline-e2e-${process.pid}.log`); // one per run: runs may overlap
/** The cloud assembly the deploy builds: the runtime runs the function bundles from it, as Lambda would. */
const CDK_OUT = join(ROOT, '.local', `cdk.out.e2e-${process.pid}`);

function fingerprintOf(lines: string[], needle: string): string {
  const [group] = groupByStream([{ messageId: 'x', sentAt: 0, lines, service: 'orders', stream: null }]);
  const event = buildGroupEvents(group!, { registry: createRegistryOnce(), environment: 'e2e' }).find((e) =>
    e.event.message.includes(needle),
  );
  if (!event) throw new Error(`no event with ${needle}`);
  return event.event.fingerprint;
}
let registryCache: ReturnType<typeof createRegistry> | null = null;
function createRegistryOnce() {
  registryCache ??= createRegistry();
  return registryCache;
}

/** The log as an application ships it: ten lines per message, ten messages per SendMessageBatch call. */
async function sendLines(lines: string[], service: string, extra: string[] = []): Promise<void> {
  const bodies = [];
  for (let i = 0; i < lines.length; i += LINES_PER_MESSAGE) {
    bodies.push(JSON.stringify({ lines: lines.slice(i, i + LINES_PER_MESSAGE), service, stream: `${service}-1` }));
  }
  bodies.push(...extra);
  for (let i = 0; i < bodies.length; i += 10) {
    await clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: outputs[OUTPUT_KEYS.ingestQueueUrl],
        Entries: bodies.slice(i, i + 10).map((body, j) => ({ Id: String(j), MessageBody: body })),
      }),
    );
  }
}

async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) {
      timings[what] = Date.now() - started;
      return value;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`${what}: not within ${timeoutMs} ms; function output in ${LOG_FILE}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function healingsOf(fingerprint: string) {
  return store.list({ fingerprint });
}

async function stateOf(healingId: string) {
  return deriveState(await store.events(healingId));
}

beforeAll(async () => {
  writeFileSync(LOG_FILE, '');
  let t = Date.now();
  // Consul and Redis start while moto does, the plugin host (for the demo's language) while the stack deploys.
  const started = startPluginServices();
  cloud = await startLocalCloud();
  useEmulatorEnvironment(cloud.endpoint);
  timings['moto'] = Date.now() - t;
  services = await started;
  const hostStarted = Date.now();
  const host = services.startHost('javascript').then((h) => {
    timings['plugin host'] = Date.now() - hostStarted;
    return h;
  });
  host.catch(() => {}); // awaited below; a failure must not surface as an unhandled rejection meanwhile
  t = Date.now();
  // The stack gives the stage functions CONSUL_HTTP_ADDR and REDIS_URL from these (infra/cdk/bin/app.ts).
  const context = { consulAddress: services.consul.httpAddress, redisUrl: services.redis.url };
  outputs = (await deployLocal({ endpoint: cloud.endpoint, outDir: CDK_OUT, context })).outputs;
  timings['deploy'] = Date.now() - t;
  clients = createAwsClients();
  store = new DynamoHealingStore(clients.dynamo, {
    healings: outputs[OUTPUT_KEYS.healingsTable] as string,
    occurrences: outputs[OUTPUT_KEYS.occurrencesTable] as string,
  });
  t = Date.now();
  // The source as a deployment artifact: with node_modules, since validate builds and tests without installing.
  const upload = await uploadSource(clients.s3, {
    service: 'orders',
    repoDir: DEMO,
    bucket: outputs[OUTPUT_KEYS.sourceBucket] as string,
    withDependencies: true,
  });
  timings['upload'] = Date.now() - t;
  const register = (args: string[]) => {
    const run = spawnSync('node', [join(ROOT, 'bin/homeostasis.mjs'), 'services', 'register', ...args], {
      encoding: 'utf8',
      env: process.env,
    });
    expect(run.stderr.split('\n').filter((l) => l.startsWith('homeostasis:'))).toEqual([]);
    expect(run.status).toBe(0);
  };
  const source = `s3://${upload.bucket}/${upload.key}`;
  const table = outputs[OUTPUT_KEYS.servicesTable] as string;
  register([
    '--service',
    'orders',
    '--language',
    'typescript',
    '--source',
    source,
    '--test',
    'npm test',
    '--reproduce',
    'npm run reproduce --silent',
    '--table',
    table,
  ]);
  register([
    '--service',
    'slow',
    '--language',
    'typescript',
    '--source',
    source,
    '--test',
    'sleep 30',
    '--step-timeout',
    '2',
    '--table',
    table,
  ]);

  await host;
  runtime = await startLocalRuntime({
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    resolveCode: cdkAssetResolver(CDK_OUT),
    failedVisibilitySeconds: 1,
    onLog: (line) => {
      logs.push(line);
      appendFileSync(LOG_FILE, `${line}\n`);
    },
  });
}, 240_000);

afterAll(async () => {
  await runtime?.stop();
  clients?.dynamo.destroy();
  await Promise.all([cloud?.stop(), services?.stop()]);
  rmSync(CDK_OUT, { recursive: true, force: true });
  process.stdout.write(`pipeline e2e timings (ms): ${JSON.stringify(timings)}\n`);
});

describe('the serverless pipeline on moto, run by the local Lambda runtime', () => {
  it('runs every deployed stage function from its SQS mapping, each from its own built bundle', () => {
    expect(runtime?.skipped).toEqual([]);
    expect(runtime?.functions.length).toBe(4);
    const resolve = cdkAssetResolver(CDK_OUT);
    const modules = runtime?.functions.map((fn) => resolve(fn)?.modulePath) ?? [];
    expect(new Set(modules).size).toBe(4);
    for (const modulePath of modules) expect(modulePath).toMatch(/\/asset\.[0-9a-f]{64}\/index\.mjs$/);
  });

  it('heals the demo crash: one healing per fingerprint, validated, awaiting approval with a discounts.ts patch', async () => {
    const fingerprint = fingerprintOf(LINES, "reading 'percent'");
    await sendLines(ORDER_LINES, 'orders', [JSON.stringify({ lines: 'not an array' })]);
    await sendLines(SLOW_LINES, 'slow');
    const [healing] = await until(
      'percent healing awaiting approval',
      async () => {
        const list = await healingsOf(fingerprint);
        return list.length > 0 && (await stateOf(list[0]!.id)) === 'awaiting-approval' ? list : null;
      },
      150_000,
    );
    expect(await healingsOf(fingerprint)).toHaveLength(1);
    const recorder = await openHealing(store, healing!.id);
    expect(recorder.events.map((e) => e.type)).toContain('validated');
    const winner = winnerOf(recorder);
    expect(winner?.diff).toContain('+++ b/src/discounts.ts');
    expect(winner?.edits.map((e) => e.path)).toEqual(['src/discounts.ts']);
    expect(resultsOf(recorder).get(winner!.id)?.passed).toBe(true);

    // SQS -> Lambda stages -> Consul -> gRPC: every plugin answer of the healing came from the plugin host.
    const host = services!.host().address;
    const answers = pluginAnswersOf(recorder);
    expect(answers.find((a) => a.type === 'analyzed')?.plugin).toEqual({ via: 'remote', host });
    expect(answers.find((a) => a.type === 'candidates-generated')?.plugin).toEqual({ via: 'remote', host });
    const syntax = answers.filter((a) => a.type === 'candidate-result').map((a) => a.plugin);
    expect(syntax).toEqual(candidatesOf(recorder).map(() => ({ via: 'remote', host })));
    // ... found through Consul, the answers shared through Redis (the stages asked by language tag).
    const key = `homeostasis:discovery:${CONSUL_SERVICE_NAMES.pluginHost}#javascript`;
    expect(services!.discoveryKeysWritten()).toContain(key);
  }, 200_000);

  it('dead-letters the malformed message after maxReceiveCount while the rest of its batch was processed', async () => {
    const attrs = await clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: outputs[OUTPUT_KEYS.ingestQueueUrl],
        AttributeNames: ['RedrivePolicy'],
      }),
    );
    const dlqArn = (JSON.parse(attrs.Attributes?.['RedrivePolicy'] ?? '{}') as { deadLetterTargetArn: string })
      .deadLetterTargetArn;
    const dlqUrl = (await clients.sqs.send(new GetQueueUrlCommand({ QueueName: dlqArn.split(':').at(-1) }))).QueueUrl;
    const bodies = await until(
      'malformed message in the ingest DLQ',
      async () => {
        const out = await clients.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: dlqUrl,
            MaxNumberOfMessages: 10,
            VisibilityTimeout: 0,
            MessageSystemAttributeNames: ['All'],
          }),
        );
        const found = (out.Messages ?? []).filter((m) => m.Body?.includes('not an array'));
        return found.length > 0 ? found : null;
      },
      30_000,
    );
    // Received (and failed) maxReceiveCount times; moto counts the receive that moves it as one more.
    expect(Number(bodies[0]?.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(MAX_RECEIVE_COUNT.ingest);
  }, 60_000);

  it('marks a candidate whose test step times out as failed instead of hanging its healing', async () => {
    const fingerprint = fingerprintOf(LINES, TIER);
    const [healing] = await until(
      'slow healing concluded',
      async () => {
        const list = await healingsOf(fingerprint);
        const state = list[0] ? await stateOf(list[0].id) : null;
        return state === 'validation-failed' || state === 'no-fix' ? list : null;
      },
      90_000,
    );
    const recorder = await openHealing(store, healing!.id);
    expect(recorder.state).toBe('validation-failed');
    const results = [...resultsOf(recorder).values()];
    expect(results.length).toBeGreaterThan(0);
    // A 2 s step budget: the type check (or, past it, `sleep 30`) is cut off, and the candidate fails there.
    for (const r of results) {
      expect(r.passed).toBe(false);
      const failed = r.steps.find((s) => s.step === r.failedStep);
      expect(failed?.timedOut).toBe(true);
      expect(failed?.durationMs).toBeLessThan(10_000);
    }
  }, 120_000);

  it('re-sending the same lines counts the occurrences again and opens no second healing', async () => {
    const fingerprint = fingerprintOf(LINES, "reading 'percent'");
    const before = (await store.occurrence(fingerprint))?.count ?? 0;
    expect(before).toBeGreaterThanOrEqual(5);
    await sendLines(ORDER_LINES, 'orders');
    await until(
      'occurrences counted again',
      async () => ((await store.occurrence(fingerprint))?.count ?? 0) >= 2 * before,
      30_000,
    );
    expect((await store.occurrence(fingerprint))?.count).toBe(2 * before);
    expect(await healingsOf(fingerprint)).toHaveLength(1);
  }, 60_000);
});
