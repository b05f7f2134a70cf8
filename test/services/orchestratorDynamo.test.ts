import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../adapters/aws/awsClients.ts';
import { DynamoHealingStore } from '../../adapters/aws/dynamoHealingStore.ts';
import { DynamoTrackRecords } from '../../adapters/aws/dynamoTrackRecords.ts';
import { ENV } from '../../infra/cdk/lib/contract.ts';
import { createControlTable } from '../pipeline/adapters/controlTable.ts';
import { createPipelineTables } from '../pipeline/support/pipelineTables.ts';
import { type LocalCloud, startLocalCloud, useEmulatorEnvironment } from '../setup/localCloud.ts';
import {
  call,
  dynamoOrchestratorEnv,
  type OrchestratorProcess,
  orchestratorClient,
  startOrchestratorProcess,
} from './orchestratorProcess.ts';
import { type CrashMaterial, crashMaterial, seedDetected, wireReports } from './orchestratorSeed.ts';

/**
 * STORE=dynamodb: the orchestrator process on the contract's tables in moto, with the DynamoDB idempotency
 * records deciding `applied` across reports.
 */

const CONTROL = 'orch-control';
let cloud: LocalCloud;
let material: CrashMaterial;
let orchestrator: OrchestratorProcess;
let client: grpc.Client;
let queues: { patch: string; validate: string };

/** Every body waiting on a queue (long enough a wait for moto to answer with all of them). */
async function drain(queueUrl: string): Promise<unknown[]> {
  const sqs = createAwsClients().sqs;
  const bodies: unknown[] = [];
  for (;;) {
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (!got.Messages?.length) return bodies;
    for (const m of got.Messages) {
      bodies.push(JSON.parse(m.Body ?? 'null'));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
  }
}
let store: DynamoHealingStore;

beforeAll(async () => {
  [cloud, material] = await Promise.all([startLocalCloud(), crashMaterial()]);
  useEmulatorEnvironment(cloud.endpoint);
  const tables = await createPipelineTables(cloud.endpoint, 'orch');
  const db = new DynamoDBClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: cloud.credentials });
  await createControlTable(db, CONTROL);
  db.destroy();
  store = new DynamoHealingStore(createAwsClients({ endpoint: cloud.endpoint, region: cloud.region }).dynamo, tables);
  for (const id of ['d-1', 'd-2']) await seedDetected(store, id, material);
  const sqs = createAwsClients({ endpoint: cloud.endpoint, region: cloud.region }).sqs;
  const queueUrl = async (name: string) => (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
  queues = { patch: await queueUrl('orch-patch'), validate: await queueUrl('orch-validate') };
  orchestrator = await startOrchestratorProcess({
    ...dynamoOrchestratorEnv(cloud, tables, CONTROL),
    [ENV.patchQueueUrl]: queues.patch,
    [ENV.validateQueueUrl]: queues.validate,
  });
  client = orchestratorClient(orchestrator.address);
}, 90_000);

afterAll(async () => {
  client?.close();
  orchestrator?.signal('SIGKILL');
  await orchestrator?.exited;
  await cloud?.stop();
});

describe('orchestrator on DynamoDB (moto)', () => {
  it('reports, reads, lists and decides over the contract tables', async () => {
    const reports = wireReports(material);
    expect(orchestrator.logs.find((l) => l['message'] === 'orchestrator serving')).toMatchObject({ store: 'dynamodb' });
    expect(await call(client, 'ReportStageResult', reports.analysis('d-1', 'a'))).toEqual({
      state: 'analyzed',
      applied: true,
    });
    expect(await call(client, 'ReportStageResult', reports.analysis('d-1', 'a'))).toEqual({
      state: 'analyzed',
      applied: false,
    });
    // The applied analysis handed the healing on to the patch stage's queue, once (the repeat was not applied).
    expect(await drain(queues.patch)).toEqual([{ healingId: 'd-1' }]);
    await call(client, 'ReportStageResult', reports.candidates('d-1', 'p'));
    expect(((await drain(queues.validate)) as { candidateId: string }[]).map((b) => b.candidateId).sort()).toEqual(
      material.candidates.map((c) => c.id).sort(),
    );
    for (const [i, candidate] of material.candidates.entries()) {
      await call(client, 'ReportStageResult', reports.result('d-1', `v${i}`, candidate, i === 0));
    }
    const healing = await call<{ state: string; winner: string; diff: string }>(client, 'GetHealing', { id: 'd-1' });
    expect(healing).toMatchObject({ state: 'awaiting-approval', winner: material.candidates[0]!.id });
    expect(healing.diff).toContain('user?.name');

    const listed = await call<{ healings: { id: string; state: string }[] }>(client, 'ListHealings', {});
    expect(listed.healings.map((h) => [h.id, h.state]).sort()).toEqual([
      ['d-1', 'awaiting-approval'],
      ['d-2', 'detected'],
    ]);
    const page = await call<{ healings: unknown[]; nextPageToken: string }>(client, 'ListHealings', { pageSize: 1 });
    expect(page.healings).toHaveLength(1);
    expect(page.nextPageToken).not.toBe('');

    const decided = await call<{ state: string }>(client, 'Decide', {
      healingId: 'd-1',
      decision: 'reject',
      decidedBy: 'carol',
      reason: 'not this way',
    });
    expect(decided.state).toBe('rejected');
    expect((await store.events('d-1')).at(-1)).toMatchObject({ type: 'rejected', actor: 'carol' });
    const records = new DynamoTrackRecords(createAwsClients().dynamo, CONTROL);
    expect(await records.get(material.analysis.ruleId!)).toMatchObject({ rejected: 1 });

    orchestrator.signal('SIGTERM');
    expect(await orchestrator.exited).toBe(0);
  });
});
