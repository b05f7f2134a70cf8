import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateEventSourceMappingCommand, CreateFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ENV } from '../../infra/cdk/lib/contract.ts';
import type { PipelineTables } from './support/pipelineTables.ts';

/** moto checks that a function's role exists; the IAM query API is two form fields away (no IAM client here). */
export async function createRole(endpoint: string, name: string): Promise<string> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request',
    },
    body: new URLSearchParams({
      Action: 'CreateRole',
      Version: '2010-05-08',
      RoleName: name,
      AssumeRolePolicyDocument: '{}',
    }),
  });
  if (response.status !== 200) throw new Error(`CreateRole answered ${response.status}`);
  return `arn:aws:iam::123456789012:role/${name}`;
}

/** A deployment package with one `index.mjs`, zipped by Python's zipfile (the interpreter moto runs on). */
export function zipOf(source: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'hs-bundle-'));
  writeFileSync(join(dir, 'index.mjs'), source);
  const run = spawnSync('python3', ['-m', 'zipfile', '-c', 'bundle.zip', 'index.mjs'], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`zip failed: ${run.stderr}`);
  return readFileSync(join(dir, 'bundle.zip'));
}

/**
 * The stderr of a Node program that crashed, from really running it: `file` under a per-service directory so the
 * trace has the service's own frames, `body` the module's code (it must throw).
 */
export function crashOutput(service: string, file: string, body: string): string[] {
  const dir = join(mkdtempSync(join(tmpdir(), 'hs-crash-')), service);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), body);
  const run = spawnSync(process.execPath, [join(dir, file)], { encoding: 'utf8' });
  if (run.status === 0) throw new Error(`${file} did not crash`);
  return run.stderr.split('\n').filter((line) => line !== '');
}

export interface IngestPath {
  ingestQueueUrl: string;
  send(service: string, lines: string[]): Promise<void>;
}

/**
 * The ingest side of the stack, as the CDK app deploys it: an ingest queue mapped to an ingest function whose
 * environment names the tables and the analyze queue (contract ENV). The local runtime (localstack/runtime) runs the
 * function's handler for the mapping, since moto cannot invoke it.
 */
export async function deployIngest(
  clients: { lambda: LambdaClient; sqs: SQSClient },
  tables: PipelineTables,
  role: string,
  prefix: string,
): Promise<IngestPath> {
  const { sqs, lambda } = clients;
  const ingest = await sqs.send(
    new CreateQueueCommand({ QueueName: `${prefix}-ingest`, Attributes: { VisibilityTimeout: '30' } }),
  );
  const analyze = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-analyze` }));
  const ingestQueueUrl = ingest.QueueUrl as string;
  const arn = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: ingestQueueUrl, AttributeNames: ['QueueArn'] }));
  // The function name carries the stage's construct id, as CloudFormation names it (sourceEntryResolver reads it).
  const functionName = `${prefix}-IngestFunction-test`;
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: functionName,
      Runtime: 'nodejs22.x',
      Role: role,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf('export const handler = async () => ({});') },
      Timeout: 30,
      Environment: {
        Variables: {
          [ENV.healingsTable]: tables.healings,
          [ENV.occurrencesTable]: tables.occurrences,
          [ENV.servicesTable]: tables.services,
          [ENV.processedTable]: tables.processed,
          [ENV.analyzeQueueUrl]: analyze.QueueUrl as string,
          HOMEOSTASIS_ENVIRONMENT: 'delivery-test',
        },
      },
    }),
  );
  await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: functionName,
      EventSourceArn: arn.Attributes?.['QueueArn'],
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    }),
  );
  let sent = 0;
  return {
    ingestQueueUrl,
    async send(service, lines) {
      sent += 1;
      // A Lambda log stream names the version that wrote it; the pipeline reads the stream as one log.
      const stream = `${service}/2026/11/24/[$LATEST]${String(sent).padStart(4, '0')}`;
      await sqs.send(
        new SendMessageCommand({ QueueUrl: ingestQueueUrl, MessageBody: JSON.stringify({ lines, service, stream }) }),
      );
    },
  };
}

/** Polls `check` every 100 ms until it returns a value, or throws after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The old version's errors during a canary, sent through the ingest path while the test runs. */
export interface OldVersionErrors {
  /** Percent (0-100) of the traffic now on the new version: the old version's share sends the rest. */
  setWeight(weight: number): void;
  /** Messages sent so far. */
  readonly sent: number;
  /** Stops sending and waits for the message in flight. */
  stop(): Promise<void>;
}

/**
 * Sends `lines` (one crash) `perSecond` times a second × the old version's share, evenly spaced, until stopped:
 * a service that keeps hitting the healed bug on the traffic the old version still serves. Starts at weight 0
 * (all traffic on the old version). The loop ends by itself after `maxMs` (a test that forgets to stop it).
 */
export function oldVersionErrors(
  ingest: IngestPath,
  service: string,
  lines: string[],
  perSecond: number,
  maxMs = 120_000,
): OldVersionErrors {
  let weight = 0;
  let sent = 0;
  let running = true;
  const started = Date.now();
  // The next send is due one gap (at the current share) after the last: a change of weight takes effect at once.
  let last = Date.now();
  const loop = (async () => {
    while (running && Date.now() - started < maxMs) {
      const share = (100 - weight) / 100;
      const gap = share > 0 ? 1_000 / (perSecond * share) : Number.POSITIVE_INFINITY;
      const wait = Math.min(50, last + gap - Date.now());
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      // Behind by more than a gap (a slow send): start again from now rather than send a burst to catch up.
      last = last + gap < Date.now() - gap ? Date.now() : last + gap;
      sent += 1;
      await ingest.send(service, lines);
    }
  })();
  return {
    setWeight(w) {
      weight = w;
    },
    get sent() {
      return sent;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}
