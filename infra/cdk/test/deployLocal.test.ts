// Integration: deploys the real CDK app (synth with esbuild bundling, bootstrap, deploy --method=direct) into a
// moto server started for this file, then reads back with the AWS SDK what CloudFormation created.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient, ListEventSourceMappingsCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployLocal, type LocalDeployment } from '../../../localstack/deploy.ts';
import { type LocalCloud, startLocalCloud } from '../../../test/setup/localCloud.ts';
import {
  CONTROL_KEYS,
  ENV,
  HEALINGS_BY_FINGERPRINT_INDEX,
  HEALINGS_BY_STATE_INDEX,
  HEALINGS_KEYS,
  MAX_RECEIVE_COUNT,
  OCCURRENCES_KEYS,
  OUTPUT_KEYS,
  PROCESSED_KEYS,
  SERVICES_KEYS,
  STAGES,
  stageQueueName,
} from '../lib/contract.ts';
import { PROJECT_ROOT } from './synthStacks.ts';

const execFileAsync = promisify(execFile);
const OUT_DIR = path.join(PROJECT_ROOT, '.local', `cdk.out.deploy-test-${process.pid}`);
const LOCAL_CONSUL = 'http://127.0.0.1:8500';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';

let cloud: LocalCloud;
let deployment: LocalDeployment;
let clients: { sqs: SQSClient; dynamodb: DynamoDBClient; lambda: LambdaClient };

beforeAll(async () => {
  cloud = await startLocalCloud();
  // Addresses only (nothing listens there in this test): the functions must carry them in their environment.
  deployment = await deployLocal({
    endpoint: cloud.endpoint,
    outDir: OUT_DIR,
    context: { consulAddress: LOCAL_CONSUL, redisUrl: LOCAL_REDIS },
  });
  const config = { endpoint: cloud.endpoint, region: cloud.region, credentials: cloud.credentials };
  clients = { sqs: new SQSClient(config), dynamodb: new DynamoDBClient(config), lambda: new LambdaClient(config) };
}, 150_000);

afterAll(async () => {
  for (const client of Object.values(clients ?? {})) client.destroy();
  await cloud?.stop();
  rmSync(OUT_DIR, { recursive: true, force: true });
});

/** Every contract env var with a placeholder value: enough for a handler module to load. */
function fakeStageEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.values(ENV).map((name) => [
      name,
      /_(URL|ADDR)$/.test(name) ? 'http://localhost:1/queue' : name.endsWith('_MS') ? '1000' : 'x',
    ]),
  );
}

async function queueAttributes(queueUrl: string): Promise<Record<string, string>> {
  const answer = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
  return answer.Attributes ?? {};
}

describe('the stack deployed into moto', () => {
  it('deploys both stacks within the time budget and returns their outputs', () => {
    expect(deployment.stackNames).toEqual(['Homeostasis-dev-Data', 'Homeostasis-dev-Pipeline']);
    for (const key of Object.values(OUTPUT_KEYS)) expect(deployment.outputs[key], key).toBeTruthy();
    expect(Object.keys(deployment.outputs).some((key) => key.startsWith('ExportsOutput'))).toBe(false);
    expect(deployment.durationMs).toBeLessThan(120_000);
  });

  it('creates the eight queues, each stage queue redriving to its own DLQ', async () => {
    // This moto holds this deployment only: the four named stage queues and their four generated DLQs.
    const listed = await clients.sqs.send(new ListQueuesCommand({}));
    const urls = listed.QueueUrls ?? [];
    expect(urls).toHaveLength(8);
    const attributes = await Promise.all(urls.map(async (url) => ({ url, attrs: await queueAttributes(url) })));
    const dlqArns = new Set(attributes.filter((q) => !q.attrs['RedrivePolicy']).map((q) => q.attrs['QueueArn']));
    expect(dlqArns.size).toBe(4);
    for (const stage of STAGES) {
      const queue = attributes.find((q) => q.url.split('/').pop() === stageQueueName('dev', stage));
      expect(queue, stage).toBeDefined();
      const redrive = JSON.parse(queue?.attrs['RedrivePolicy'] ?? '{}') as Record<string, unknown>;
      expect(Number(redrive['maxReceiveCount'])).toBe(MAX_RECEIVE_COUNT[stage]);
      expect(dlqArns.has(String(redrive['deadLetterTargetArn']))).toBe(true);
    }
    const ingest = await queueAttributes(deployment.outputs[OUTPUT_KEYS.ingestQueueUrl] ?? '');
    expect(JSON.parse(ingest['RedrivePolicy'] ?? '{}')).toMatchObject({ maxReceiveCount: MAX_RECEIVE_COUNT.ingest });
  });

  // moto's CloudFormation leaves TimeToLiveSpecification out (DescribeTimeToLive answers DISABLED); the dataStack
  // assertion test covers TTL and point-in-time recovery in the template.
  it('creates the five tables with the contract keys and the byFingerprint and byState indexes', async () => {
    const expected: [string, string[]][] = [
      [OUTPUT_KEYS.healingsTable, [HEALINGS_KEYS.partitionKey, HEALINGS_KEYS.sortKey]],
      [OUTPUT_KEYS.occurrencesTable, [OCCURRENCES_KEYS.partitionKey]],
      [OUTPUT_KEYS.servicesTable, [SERVICES_KEYS.partitionKey]],
      [OUTPUT_KEYS.processedTable, [PROCESSED_KEYS.partitionKey]],
      [OUTPUT_KEYS.controlTable, [CONTROL_KEYS.partitionKey, CONTROL_KEYS.sortKey]],
    ];
    for (const [key, keyNames] of expected) {
      const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: deployment.outputs[key] }));
      expect(Table?.TableStatus, key).toBe('ACTIVE');
      expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(keyNames);
      if (key === OUTPUT_KEYS.healingsTable) {
        expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual([
          HEALINGS_BY_FINGERPRINT_INDEX.indexName,
          HEALINGS_BY_STATE_INDEX.indexName,
        ]);
      }
    }
  });

  it('creates four nodejs22.x functions that know the table names, Consul and Redis, outside any VPC', async () => {
    const listed = await clients.lambda.send(new ListFunctionsCommand({}));
    const functions = (listed.Functions ?? []).filter((fn) => fn.FunctionName?.startsWith('Homeostasis-dev-Pipeline'));
    expect(functions).toHaveLength(4);
    for (const fn of functions) {
      expect(fn.Runtime).toBe('nodejs22.x');
      expect(fn.Handler).toBe('index.handler');
      expect(fn.Environment?.Variables?.[ENV.healingsTable]).toBe(deployment.outputs[OUTPUT_KEYS.healingsTable]);
      expect(fn.Environment?.Variables?.[ENV.processedTable]).toBe(deployment.outputs[OUTPUT_KEYS.processedTable]);
      expect(fn.Environment?.Variables?.[ENV.controlTable]).toBe(deployment.outputs[OUTPUT_KEYS.controlTable]);
      expect(fn.Environment?.Variables?.[ENV.consulHttpAddr]).toBe(LOCAL_CONSUL);
      expect(fn.Environment?.Variables?.[ENV.redisUrl]).toBe(LOCAL_REDIS);
      expect(fn.VpcConfig?.SubnetIds ?? []).toEqual([]);
    }
  });

  it('maps each stage queue to a function with batch size 10', async () => {
    const [mappings, functions] = await Promise.all([
      clients.lambda.send(new ListEventSourceMappingsCommand({})),
      clients.lambda.send(new ListFunctionsCommand({})),
    ]);
    const list = mappings.EventSourceMappings ?? [];
    expect(list).toHaveLength(4);
    const functionArns = new Set((functions.Functions ?? []).map((fn) => fn.FunctionArn));
    const queueNames = list.map((m) => m.EventSourceArn?.split(':').pop() ?? '');
    expect(queueNames.sort()).toEqual(STAGES.map((stage) => stageQueueName('dev', stage)).sort());
    for (const mapping of list) {
      expect(functionArns.has(mapping.FunctionArn)).toBe(true);
      expect(mapping.BatchSize).toBe(10);
    }
  });

  it('bundled each handler as a self-contained ES module that loads outside the repository', async () => {
    const assets = readdirSync(OUT_DIR).filter((name) => name.startsWith('asset.'));
    expect(assets).toHaveLength(4);
    for (const asset of assets) {
      const bundle = readFileSync(path.join(OUT_DIR, asset, 'index.mjs'), 'utf8');
      expect(bundle.startsWith("import { createRequire as __homeostasisCreateRequire } from 'node:module';")).toBe(
        true,
      );
    }
    // A copy under the OS temp directory has no node_modules above it, as in /var/task: whatever the bundle needs
    // at import time must be inside it.
    const sandbox = mkdtempSync(path.join(tmpdir(), 'homeostasis-bundle-'));
    try {
      const env = { PATH: process.env['PATH'] ?? '', AWS_REGION: 'us-east-1', ...fakeStageEnvironment() };
      const results = await Promise.all(
        assets.map(async (asset) => {
          const copy = path.join(sandbox, asset);
          cpSync(path.join(OUT_DIR, asset), copy, { recursive: true });
          const script = `const m = await import(${JSON.stringify(pathToFileURL(path.join(copy, 'index.mjs')).href)});
            process.stdout.write(typeof m.handler);`;
          try {
            const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], {
              cwd: sandbox,
              env,
              maxBuffer: 64 * 1024 * 1024,
            });
            return stdout;
          } catch (error) {
            // Node echoes the throwing (minified, megabyte-long) source line first; the message is at the end.
            const stderr = String((error as { stderr?: unknown }).stderr ?? error);
            return `${asset} failed to load: ${stderr.slice(-1_500)}`;
          }
        }),
      );
      expect(results).toEqual(['function', 'function', 'function', 'function']);
    } finally {
      rmSync(sandbox, { recursive: true, force: true });
    }
  });
});
