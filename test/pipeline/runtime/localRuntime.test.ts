import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateEventSourceMappingCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../../localstack/runtime/localRuntime.ts';
import { failedMessageIds, sqsEventOf } from '../../../localstack/runtime/sqsEvent.ts';
import { type LocalCloud, startLocalCloud } from '../../setup/localCloud.ts';

// A handler as a deployed bundle would export it: fails "bad" bodies, hangs on "slow", records what it saw.
const HANDLER = `
import { appendFileSync } from 'node:fs';
export const handler = async (event, context) => {
  const failures = [];
  for (const r of event.Records) {
    if (r.body === 'slow') await new Promise((res) => setTimeout(res, 60_000));
    appendFileSync(process.env.SEEN_FILE, JSON.stringify({ body: r.body, count: r.attributes.ApproximateReceiveCount,
      arn: r.eventSourceARN, remaining: context.getRemainingTimeInMillis(), endpoint: process.env.AWS_ENDPOINT_URL }) + '\\n');
    if (r.body === 'bad') failures.push({ itemIdentifier: r.messageId });
  }
  return { batchItemFailures: failures };
};
`;

let moto: LocalCloud;
const dir = mkdtempSync(join(tmpdir(), 'hs-runtime-'));
const seenFile = join(dir, 'seen.jsonl');
const client = () => ({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

beforeAll(async () => {
  moto = await startLocalCloud();
});
afterAll(async () => {
  await moto?.stop();
});

describe('sqsEventOf', () => {
  it('builds the records Lambda would, and reads batchItemFailures back', () => {
    const event = sqsEventOf(
      [
        {
          MessageId: 'm1',
          ReceiptHandle: 'r1',
          Body: 'x',
          Attributes: { ApproximateReceiveCount: '2', SentTimestamp: '5' },
        },
      ],
      { url: 'u', arn: 'arn:aws:sqs:us-east-1:123456789012:q', region: 'us-east-1' },
    );
    expect(event.Records[0]).toMatchObject({
      messageId: 'm1',
      receiptHandle: 'r1',
      body: 'x',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:q',
      attributes: { ApproximateReceiveCount: '2', SentTimestamp: '5' },
    });
    expect([...failedMessageIds({ batchItemFailures: [{ itemIdentifier: 'm1' }] })]).toEqual(['m1']);
    expect(failedMessageIds(null).size).toBe(0);
  });
});

describe('the local Lambda runtime against moto', () => {
  it('delivers batches, deletes successes, dead-letters reported failures, and cuts off a timed-out invocation', async () => {
    const endpoint = moto.endpoint;
    const sqs = new SQSClient({ ...client(), endpoint });
    const lambda = new LambdaClient({ ...client(), endpoint });
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'work-dlq' }));
    const dlqArn = 'arn:aws:sqs:us-east-1:123456789012:work-dlq';
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'work',
        Attributes: {
          VisibilityTimeout: '60',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
        },
      }),
    );
    // moto checks that the role exists; the IAM query API is two form fields away (no IAM client in the project).
    const iamRole = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request',
      },
      body: new URLSearchParams({
        Action: 'CreateRole',
        Version: '2010-05-08',
        RoleName: 'fn',
        AssumeRolePolicyDocument: '{}',
      }),
    });
    expect(iamRole.status).toBe(200);
    // moto stores the zip and never runs it (Invoke needs Docker): an empty archive is enough.
    const emptyZip = Buffer.from(`504b0506${'00'.repeat(18)}`, 'hex');
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'stack-WorkFunction1234-abc',
        Runtime: 'nodejs22.x',
        Role: 'arn:aws:iam::123456789012:role/fn',
        Handler: 'index.handler',
        Code: { ZipFile: emptyZip },
        Timeout: 30,
        Environment: { Variables: { SEEN_FILE: seenFile } },
      }),
    );
    await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'stack-WorkFunction1234-abc',
        EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:work',
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    );
    writeFileSync(join(dir, 'index.mjs'), HANDLER);

    const logs: string[] = [];
    const runtime = await startLocalRuntime({
      endpoint,
      region: 'us-east-1',
      resolveCode: (fn) =>
        fn.name.includes('WorkFunction') ? { modulePath: join(dir, 'index.mjs'), exportName: 'handler' } : null,
      timeoutMsFor: () => 3_000,
      failedVisibilitySeconds: 0,
      onLog: (line) => logs.push(line),
    });
    try {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queue.QueueUrl,
          Entries: ['ok-1', 'bad', 'ok-2'].map((body, i) => ({ Id: String(i), MessageBody: body })),
        }),
      );
      expect(runtime.functions.map((f) => [f.name, f.mappings.length])).toEqual([['stack-WorkFunction1234-abc', 1]]);
      const dlqMessages = async () => {
        const out = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
        );
        return (out.Messages ?? []).map((m) => m.Body);
      };
      await until(async () => (await dlqMessages()).includes('bad'), 20_000);
      const seen = readFileSync(seenFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(seen.filter((s) => s.body === 'ok-1')).toHaveLength(1);
      expect(seen.filter((s) => s.body === 'bad').map((s) => s.count)).toEqual(['1', '2']);
      expect(seen[0]).toMatchObject({ arn: 'arn:aws:sqs:us-east-1:123456789012:work', endpoint });
      expect(seen[0].remaining).toBeGreaterThan(500); // the first invocation includes the cold start
      expect(seen[0].remaining).toBeLessThanOrEqual(3_000);

      await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: queue.QueueUrl, Entries: [{ Id: '0', MessageBody: 'slow' }] }),
      );
      await until(async () => runtime.invocations().some((i) => i.outcome === 'timeout'), 15_000);
      await until(async () => (await dlqMessages()).includes('slow'), 20_000);
      const attrs = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      expect(attrs.Attributes?.ApproximateNumberOfMessages).toBe('0');
    } catch (error) {
      throw new Error(`${String(error)}\n${logs.join('\n')}`);
    } finally {
      await runtime.stop();
    }
    expect(runtime.pids()).toEqual([]);
  }, 60_000);
});

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
