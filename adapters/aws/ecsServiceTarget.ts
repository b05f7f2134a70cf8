import {
  type ContainerDefinition,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  type TaskDefinition,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { type DeliveryTarget, DeliveryTargetError, type TargetState } from '../../core/deliver/progressivePorts.ts';

export interface EcsServiceTargetOptions {
  cluster: string;
  service: string;
  /** The container that runs the patched code; may be omitted when the task has one container. */
  container?: string;
  /** The patched image's tag (pushed by the build); the repository stays the one the task definition names. */
  imageTag: string;
}

/**
 * An ECS service as a delivery target. ECS rolling updates replace tasks rather than split requests, so the target
 * is not weighted: the controller gives it one step at 100 %. Publish registers a copy of the service's current
 * task definition with the patched image tag on one container (everything else as it was); promote updates the
 * service to it with the deployment circuit breaker on and its own rollback enabled, so ECS reverts by itself when
 * the new tasks cannot start; rollback updates the service back to the previous task definition.
 */
export class EcsServiceTarget implements DeliveryTarget {
  readonly name: string;
  readonly weighted = false;

  constructor(
    private readonly ecs: ECSClient,
    private readonly options: EcsServiceTargetOptions,
  ) {
    this.name = `ecs:${options.cluster}/${options.service}`;
  }

  async describe(): Promise<TargetState> {
    const service = await this.current();
    return { stable: taskDefinitionOf(service), canary: null, weight: 0 };
  }

  async publish(): Promise<{ from: string; to: string }> {
    const from = taskDefinitionOf(await this.current());
    const described = await this.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: from, include: ['TAGS'] }),
    );
    if (!described.taskDefinition) throw new DeliveryTargetError(`${this.name}: task definition ${from} not found`);
    const input = patchedTaskDefinition(described.taskDefinition, this.options);
    const registered = await this.ecs.send(
      new RegisterTaskDefinitionCommand({ ...input, ...(described.tags?.length ? { tags: described.tags } : {}) }),
    );
    const to = registered.taskDefinition?.taskDefinitionArn;
    if (!to) throw new DeliveryTargetError(`${this.name}: RegisterTaskDefinition returned no ARN`);
    return { from, to };
  }

  async shift(): Promise<void> {
    throw new DeliveryTargetError(`${this.name} cannot split traffic by weight; it is delivered in one step`);
  }

  async promote(to: string): Promise<void> {
    const service = await this.current();
    await this.ecs.send(
      new UpdateServiceCommand({
        cluster: this.options.cluster,
        service: this.options.service,
        taskDefinition: to,
        deploymentConfiguration: {
          ...service.deploymentConfiguration,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      }),
    );
  }

  async rollback(from: string): Promise<void> {
    await this.ecs.send(
      new UpdateServiceCommand({ cluster: this.options.cluster, service: this.options.service, taskDefinition: from }),
    );
  }

  /** The circuit breaker's verdict: the primary deployment's rollout FAILED (ECS then rolls back by itself). */
  async rolloutFailure(): Promise<string | null> {
    const primary = (await this.current()).deployments?.find((d) => d.status === 'PRIMARY');
    if (primary?.rolloutState !== 'FAILED') return null;
    return primary.rolloutStateReason ?? `deployment ${primary.id ?? '?'} failed`;
  }

  private async current(): Promise<Service> {
    const out = await this.ecs.send(
      new DescribeServicesCommand({ cluster: this.options.cluster, services: [this.options.service] }),
    );
    const service = out.services?.[0];
    if (service?.status !== 'ACTIVE') {
      throw new DeliveryTargetError(`${this.name}: no active service (${out.failures?.[0]?.reason ?? 'not found'})`);
    }
    return service;
  }
}

function taskDefinitionOf(service: Service): string {
  if (!service.taskDefinition)
    throw new DeliveryTargetError(`service ${service.serviceName ?? '?'} has no task definition`);
  return service.taskDefinition;
}

/**
 * The registration input that reproduces `current` with the patched image tag on the chosen container. Only the
 * fields RegisterTaskDefinition accepts are copied; ARN, revision, status and registration times are ECS's.
 */
export function patchedTaskDefinition(
  current: TaskDefinition,
  options: Pick<EcsServiceTargetOptions, 'container' | 'imageTag'>,
): RegisterTaskDefinitionCommandInput {
  const containers = current.containerDefinitions ?? [];
  const name = options.container ?? (containers.length === 1 ? containers[0]?.name : undefined);
  if (!name) throw new DeliveryTargetError('the task has several containers: name the one to patch');
  if (!containers.some((c) => c.name === name)) throw new DeliveryTargetError(`the task has no container ${name}`);
  const containerDefinitions: ContainerDefinition[] = containers.map((c) =>
    c.name === name ? { ...c, image: withImageTag(c.image ?? '', options.imageTag) } : c,
  );
  if (!current.family) throw new DeliveryTargetError('the task definition has no family');
  return {
    family: current.family,
    containerDefinitions,
    taskRoleArn: current.taskRoleArn,
    executionRoleArn: current.executionRoleArn,
    networkMode: current.networkMode,
    volumes: current.volumes,
    placementConstraints: current.placementConstraints,
    requiresCompatibilities: current.requiresCompatibilities,
    cpu: current.cpu,
    memory: current.memory,
    pidMode: current.pidMode,
    ipcMode: current.ipcMode,
    proxyConfiguration: current.proxyConfiguration,
    inferenceAccelerators: current.inferenceAccelerators,
    ephemeralStorage: current.ephemeralStorage,
    runtimePlatform: current.runtimePlatform,
    enableFaultInjection: current.enableFaultInjection,
  };
}

/**
 * `repo/name:old` → `repo/name:<tag>`; a digest reference (`repo@sha256:…`) or an untagged one gets the tag too.
 * A registry host with a port (`host:5000/name`) keeps its port: only a colon after the last slash is a tag.
 */
export function withImageTag(image: string, tag: string): string {
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) throw new DeliveryTargetError(`not an image tag: ${tag}`);
  if (image === '') throw new DeliveryTargetError('the container has no image');
  const withoutDigest = image.split('@')[0] ?? image;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const repository = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  return `${repository}:${tag}`;
}
