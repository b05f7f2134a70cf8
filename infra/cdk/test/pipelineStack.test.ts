import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV, MAX_RECEIVE_COUNT, OUTPUT_KEYS, STAGES, stageQueueName } from '../lib/contract.ts';
import { resourcesOfType, synthStacks } from './synthStacks.ts';

type Json = Record<string, unknown>;

let pipeline: Template;
beforeAll(() => {
  pipeline = synthStacks('dev').pipeline;
});

function functions(): Json[] {
  return Object.values(resourcesOfType(pipeline, 'AWS::Lambda::Function')).map((r) => r.Properties);
}

/** Logical ids of the stage queues (those with a RedrivePolicy) and of the DLQs (those without). */
function queues(): { stage: [string, Json][]; dlq: [string, Json][] } {
  const all = Object.entries(resourcesOfType(pipeline, 'AWS::SQS::Queue')).map(
    ([id, r]) => [id, r.Properties] as [string, Json],
  );
  return { stage: all.filter(([, p]) => p['RedrivePolicy']), dlq: all.filter(([, p]) => !p['RedrivePolicy']) };
}

describe('PipelineStack', () => {
  it('gives each of the four stage queues a DLQ with the contract maxReceiveCount', () => {
    const { stage, dlq } = queues();
    expect(stage).toHaveLength(4);
    expect(dlq).toHaveLength(4);
    const dlqIds = new Set(dlq.map(([id]) => id));
    for (const name of STAGES) {
      const prefix = name.charAt(0).toUpperCase() + name.slice(1);
      const entry = stage.find(([id]) => id.startsWith(`${prefix}Queue`));
      expect(entry, name).toBeDefined();
      const redrive = entry?.[1]['RedrivePolicy'] as { maxReceiveCount: number; deadLetterTargetArn: unknown };
      expect(redrive.maxReceiveCount).toBe(MAX_RECEIVE_COUNT[name]);
      const target = (redrive.deadLetterTargetArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(target.startsWith(`${prefix}Dlq`) && dlqIds.has(target)).toBe(true);
    }
  });

  it('names each stage queue after its deployment and stage (the services stack addresses patch and validate)', () => {
    const { stage } = queues();
    expect(stage.map(([, p]) => p['QueueName']).sort()).toEqual(
      STAGES.map((name) => stageQueueName('dev', name)).sort(),
    );
  });

  it('encrypts every queue with SQS-managed SSE and denies plain-HTTP access', () => {
    for (const [, props] of [...queues().stage, ...queues().dlq]) expect(props['SqsManagedSseEnabled']).toBe(true);
    pipeline.resourceCountIs('AWS::SQS::QueuePolicy', 8);
    pipeline.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('sets each queue visibility timeout to at least 6x its function timeout', () => {
    const fns = resourcesOfType(pipeline, 'AWS::Lambda::Function');
    for (const [queueId, props] of queues().stage) {
      const prefix = queueId.replace(/Queue.*$/, '');
      const fn = Object.entries(fns).find(([id]) => id.startsWith(`${prefix}Function`));
      const timeout = fn?.[1].Properties['Timeout'] as number;
      expect(props['VisibilityTimeout'] as number).toBeGreaterThanOrEqual(6 * timeout);
    }
  });

  it('maps every queue to its function with batch size 10 and ReportBatchItemFailures', () => {
    pipeline.resourceCountIs('AWS::Lambda::EventSourceMapping', 4);
    pipeline.allResourcesProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('runs four nodejs22.x functions, validate with the most memory, timeout and /tmp', () => {
    const all = functions();
    expect(all).toHaveLength(4);
    for (const fn of all) expect(fn['Runtime']).toBe('nodejs22.x');
    const validate = all.find((fn) => (fn['Environment'] as { Variables: Json }).Variables[ENV.validateStepTimeoutMs]);
    const max = (key: string) => Math.max(...all.map((fn) => fn[key] as number));
    expect(validate?.['MemorySize']).toBe(max('MemorySize'));
    expect(validate?.['Timeout']).toBe(max('Timeout'));
    expect(validate?.['MemorySize']).toBeGreaterThanOrEqual(2048);
    // 512 MB of /tmp is the Lambda default; validate unpacks and builds repositories there.
    expect(validate?.['EphemeralStorage']).toEqual({ Size: expect.any(Number) });
    expect((validate?.['EphemeralStorage'] as { Size: number } | undefined)?.Size).toBeGreaterThan(512);
  });

  it('passes every function the data env vars of the contract', () => {
    for (const fn of functions()) {
      const vars = (fn['Environment'] as { Variables: Json }).Variables;
      for (const name of [ENV.healingsTable, ENV.occurrencesTable, ENV.servicesTable, ENV.processedTable]) {
        expect(vars[name], name).toBeDefined();
      }
      expect(vars[ENV.sourceBucket]).toBeDefined();
    }
    const withQueueUrl = (name: string) =>
      functions().filter((fn) => (fn['Environment'] as { Variables: Json }).Variables[name] !== undefined);
    expect(withQueueUrl(ENV.analyzeQueueUrl)).toHaveLength(1);
    expect(withQueueUrl(ENV.patchQueueUrl)).toHaveLength(1);
    expect(withQueueUrl(ENV.validateQueueUrl)).toHaveLength(1);
  });

  it('keeps each function log group for one month', () => {
    pipeline.resourceCountIs('AWS::Logs::LogGroup', 4);
    pipeline.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    for (const fn of functions()) expect((fn['LoggingConfig'] as { LogGroup: unknown }).LogGroup).toBeDefined();
  });

  it('grants no wildcard action or resource', () => {
    const statements = Object.values(resourcesOfType(pipeline, 'AWS::IAM::Policy')).flatMap(
      (r) => (r.Properties['PolicyDocument'] as { Statement: Json[] }).Statement,
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const actions = [statement['Action']].flat() as string[];
      for (const action of actions) expect(action === '*' || /^[a-z0-9-]+:\*$/.test(action), action).toBe(false);
      const resources = [statement['Resource']].flat();
      expect(resources).not.toContain('*');
    }
  });

  it('lets a stage send only to the queue of the next stage', () => {
    const senders = Object.entries(resourcesOfType(pipeline, 'AWS::IAM::Policy')).map(([id, r]) => {
      const statements = (r.Properties['PolicyDocument'] as { Statement: Json[] }).Statement;
      const targets = statements
        .filter((s) => ([s['Action']].flat() as string[]).includes('sqs:SendMessage'))
        .map((s) => (s['Resource'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]);
      return [id.replace(/Function.*$/, ''), targets.map((t) => t.replace(/Queue.*$/, ''))] as const;
    });
    expect(Object.fromEntries(senders)).toEqual({
      Ingest: ['Analyze'],
      Analyze: ['Patch'],
      Patch: ['Validate'],
      Validate: [],
    });
  });

  it('alarms on each DLQ as soon as it holds a message', () => {
    pipeline.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    pipeline.allResourcesProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmTopic') }],
    });
    const dimensionTargets = Object.values(resourcesOfType(pipeline, 'AWS::CloudWatch::Alarm')).map(
      (r) => (r.Properties['Dimensions'] as [{ Value: { 'Fn::GetAtt': [string, string] } }])[0].Value['Fn::GetAtt'][0],
    );
    expect(dimensionTargets.every((id) => /Dlq/.test(id))).toBe(true);
    expect(new Set(dimensionTargets).size).toBe(4);
  });

  it('outputs the ingest queue URL', () => {
    pipeline.hasOutput(OUTPUT_KEYS.ingestQueueUrl, { Value: { Ref: Match.stringLikeRegexp('^IngestQueue') } });
  });
});
