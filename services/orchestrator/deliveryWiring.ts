import { LambdaClient } from '@aws-sdk/client-lambda';
import { createAwsClients } from '../../adapters/aws/awsClients.ts';
import { DynamoServiceRegistry } from '../../adapters/aws/dynamoServiceRegistry.ts';
import { LambdaAliasTarget } from '../../adapters/aws/lambdaAliasTarget.ts';
import { patchedLambdaBundle } from '../../adapters/aws/lambdaBundle.ts';
import { ServiceSource } from '../../adapters/aws/serviceSource.ts';
import {
  type DeliverySetup,
  DeliverySweeper,
  type HealingRef,
  type SweepLog,
} from '../../core/deliver/deliverySweep.ts';
import { DeliveryStateError } from '../../core/deliver/progressivePorts.ts';
import { servicePlanOf } from '../../core/deliver/servicePlan.ts';
import { winnerOf } from '../../core/heal/healingStages.ts';
import type { ControlStore } from '../../core/limits/controlStore.ts';
import { limitPolicyFor } from '../../core/limits/limitPolicy.ts';
import { lambdaDeliveryOf, type ServiceConfig } from '../../core/pipeline/serviceConfig.ts';
import { HealingRecorder } from '../../core/workflow/healingRecorder.ts';
import type { HealingStore } from '../../core/workflow/healingStore.ts';

export interface DeliveryWiringInput {
  store: HealingStore;
  control: ControlStore;
  /** The services table (the registry a service's `delivery` is read from). */
  servicesTable: string;
  concurrency: number;
  /** @default DEFAULT_ORPHAN_MARGIN_MS (core/deliver/deliverySweep.ts) */
  orphanMarginMs?: number;
  /** Picks the deployments-per-hour limit (core/limits limitPolicyFor). */
  environment: string;
  log: SweepLog;
  /** Parent of the source checkouts. @default the OS temp dir */
  checkoutDir?: string;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryWiring {
  sweeper: DeliverySweeper;
  close(): void;
}

/**
 * The delivery sweep of the AWS deployment: a registered service whose `delivery` names a Lambda function and alias
 * gets its approved healings delivered to that alias (LambdaAliasTarget), the patched package built from the
 * service's source (ServiceSource: the S3 tarball or the git repository the pipeline validated on) with the winner's
 * edits (patchedLambdaBundle). The SDK clients take their endpoint and region from the environment.
 */
export function wireDelivery(input: DeliveryWiringInput): DeliveryWiring {
  const aws = createAwsClients();
  const lambda = new LambdaClient({});
  const registry = new DynamoServiceRegistry(aws.dynamo, input.servicesTable);
  const source = new ServiceSource({
    s3: aws.s3,
    secrets: aws.secrets,
    ...(input.checkoutDir ? { baseDir: input.checkoutDir } : {}),
  });

  /** The winner's edits over the service's source, zipped: read when the target publishes. */
  const bundleOf = (config: ServiceConfig, healing: HealingRef) => async (): Promise<Uint8Array> => {
    const { fingerprint, service, category } = healing;
    const recorder = await HealingRecorder.open(input.store, healing.id, { fingerprint, service, category });
    const winner = winnerOf(recorder);
    if (!winner) throw new DeliveryStateError(`healing ${healing.id} has no validated winner to deliver`);
    return patchedLambdaBundle(await source.checkout(config), winner.edits);
  };

  const setupFor = async (healing: HealingRef): Promise<DeliverySetup | null> => {
    const config = await registry.get(healing.service);
    const delivery = config ? lambdaDeliveryOf(config) : null;
    if (!config || !delivery) return null;
    const target = new LambdaAliasTarget(lambda, {
      functionName: delivery.functionName,
      alias: delivery.alias,
      bundle: bundleOf(config, healing),
    });
    return { target, plan: servicePlanOf(delivery) };
  };

  const sweeper = new DeliverySweeper({
    store: input.store,
    control: input.control,
    limits: limitPolicyFor(input.environment),
    setupFor,
    concurrency: input.concurrency,
    ...(input.orphanMarginMs !== undefined ? { orphanMarginMs: input.orphanMarginMs } : {}),
    log: input.log,
    ...(input.now ? { now: input.now } : {}),
    ...(input.sleep ? { sleep: input.sleep } : {}),
  });
  return {
    sweeper,
    close: () => {
      aws.dynamo.destroy();
      aws.s3.destroy();
      aws.secrets.destroy();
      aws.sqs.destroy();
      lambda.destroy();
    },
  };
}
