import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EcsServiceTarget } from '../../adapters/aws/ecsServiceTarget.ts';
import { deliverProgressively, type ProgressiveDeps } from '../../core/deliver/progressiveDelivery.ts';
import { HealingStoreObservation } from '../../core/deliver/progressiveObservation.ts';
import { progressivePolicy } from '../../core/deliver/progressivePlan.ts';
import { recordToApproval } from '../../core/deliver/progressiveTestKit.ts';
import { HealingRecorder } from '../../core/workflow/healingRecorder.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { type LocalCloud, startLocalCloud } from '../setup/localCloud.ts';

let cloud: LocalCloud;
let ecs: ECSClient;
let store: SqliteHealingStore;

beforeAll(async () => {
  cloud = await startLocalCloud();
  ecs = new ECSClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: cloud.credentials });
  store = new SqliteHealingStore(join(mkdtempSync(join(tmpdir(), 'hs-ecs-delivery-')), 'store.db'));
  await ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
}, 60_000);

afterAll(async () => {
  store?.close();
  ecs?.destroy();
  await cloud?.stop();
});

/** A Fargate service with an app container and a sidecar, as its own deployment left it (task definition :1). */
async function deployService(name: string): Promise<string> {
  const registered = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: name,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image: `registry.local:5000/${name}:1.4.0`,
          essential: true,
          environment: [{ name: 'PORT', value: '8080' }],
          portMappings: [{ containerPort: 8080 }],
        },
        { name: 'proxy', image: 'registry.local:5000/envoy:1.30', essential: true },
      ],
      tags: [{ key: 'team', value: 'payments' }],
    }),
  );
  const arn = registered.taskDefinition?.taskDefinitionArn as string;
  await ecs.send(
    new CreateServiceCommand({ cluster: 'prod', serviceName: name, taskDefinition: arn, desiredCount: 2 }),
  );
  await ecs.send(
    new UpdateServiceCommand({
      cluster: 'prod',
      service: name,
      deploymentConfiguration: { maximumPercent: 150, minimumHealthyPercent: 50 },
    }),
  );
  return arn;
}

async function approvedHealing(id: string, service: string): Promise<HealingRecorder> {
  const meta = { fingerprint: `fp-${service}`, service, category: 'null-reference' };
  await store.recordOccurrence(meta.fingerprint, new Date().toISOString(), {}, { service });
  const recorder = await HealingRecorder.open(store, id, meta);
  await recordToApproval(recorder);
  await new Promise((resolve) => setTimeout(resolve, 20));
  return recorder;
}

function deps(target: EcsServiceTarget, bakeMs: number): ProgressiveDeps {
  return {
    target,
    observation: new HealingStoreObservation(store),
    mayContinue: async () => ({ admitted: true }),
    policy: progressivePolicy({
      steps: [
        { weight: 10, bakeMs: 100 },
        { weight: 50, bakeMs },
        { weight: 100, bakeMs: 0 },
      ],
      pollMs: 100,
      // No grace at 100 %: moto's service serves no requests, so none of the old version's can still be in flight.
      graceMs: 0,
    }),
  };
}

async function serviceOf(name: string) {
  const out = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: [name] }));
  return out.services?.[0];
}

describe('delivery to an ECS service on moto', () => {
  it('registers the patched image tag and updates the service with the circuit breaker and rollback on', async () => {
    const v1 = await deployService('orders');
    const recorder = await approvedHealing('ecs-1', 'orders');
    const target = new EcsServiceTarget(ecs, {
      cluster: 'prod',
      service: 'orders',
      container: 'app',
      imageTag: 'fix-0a1b2c',
    });
    const outcome = await deliverProgressively(recorder, deps(target, 400));
    expect(outcome).toMatchObject({
      outcome: 'delivered',
      from: v1,
      to: expect.stringMatching(/task-definition\/orders:2$/),
    });
    // One step at 100 %: a rolling update cannot split traffic; it baked as long as the plan's longest step.
    expect(recorder.events.find((e) => e.type === 'delivery-started')?.data['steps']).toEqual([
      { weight: 100, bakeMs: 400 },
    ]);

    const service = await serviceOf('orders');
    expect(service?.taskDefinition).toBe(outcome.to);
    expect(service?.deploymentConfiguration).toEqual({
      maximumPercent: 150,
      minimumHealthyPercent: 50,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    const patched = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: outcome.to as string, include: ['TAGS'] }),
    );
    const [app, proxy] = patched.taskDefinition?.containerDefinitions ?? [];
    expect(app).toMatchObject({
      name: 'app',
      image: 'registry.local:5000/orders:fix-0a1b2c',
      environment: [{ name: 'PORT', value: '8080' }],
      portMappings: [expect.objectContaining({ containerPort: 8080 })],
    });
    expect(proxy).toMatchObject({ name: 'proxy', image: 'registry.local:5000/envoy:1.30' });
    expect(patched.taskDefinition).toMatchObject({
      cpu: '256',
      memory: '512',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
    });
    expect(patched.tags).toEqual([{ key: 'team', value: 'payments' }]);
  });

  it('rolls the service back to its previous task definition when the healed error recurs in the bake', async () => {
    const v1 = await deployService('billing');
    const recorder = await approvedHealing('ecs-2', 'billing');
    // The real target; once the service runs the patched task definition, the healed error shows up again.
    class RecurringAfterPromote extends EcsServiceTarget {
      override async promote(to: string): Promise<void> {
        await super.promote(to);
        setTimeout(() => {
          void store.recordOccurrence('fp-billing', new Date().toISOString(), {}, { service: 'billing' });
        }, 100);
      }
    }
    const target = new RecurringAfterPromote(ecs, {
      cluster: 'prod',
      service: 'billing',
      container: 'app',
      imageTag: 'fix-2',
    });
    const started = Date.now();
    const outcome = await deliverProgressively(recorder, deps(target, 20_000));
    expect(outcome).toMatchObject({ outcome: 'rolled-back', from: v1 });
    // Judged on the evidence, not at the end of the 20 s bake.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await serviceOf('billing'))?.taskDefinition).toBe(v1);
    expect(await target.describe()).toEqual({ stable: v1, canary: null, weight: 0 });
    expect(recorder.events.at(-1)).toMatchObject({ type: 'rolled-back', data: { to: v1 } });
  });

  it('cannot split traffic: shift is refused', async () => {
    const target = new EcsServiceTarget(ecs, { cluster: 'prod', service: 'orders', imageTag: 'x' });
    await expect(target.shift()).rejects.toThrow(/cannot split traffic/);
  });
});
