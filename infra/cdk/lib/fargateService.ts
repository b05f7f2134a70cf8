import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { type ISecurityGroup, SubnetType } from 'aws-cdk-lib/aws-ec2';
import {
  type ContainerDefinition,
  type ContainerImage,
  CpuArchitecture,
  FargateService,
  FargateTaskDefinition,
  type HealthCheck,
  type ICluster,
  LogDrivers,
  OperatingSystemFamily,
  Protocol,
  type Secret,
} from 'aws-cdk-lib/aws-ecs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DnsRecordType } from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import type { TaskSizing } from './stageConfig.ts';

export interface HomeostasisServiceProps {
  readonly cluster: ICluster;
  readonly securityGroup: ISecurityGroup;
  readonly sizing: TaskSizing;
  readonly image: ContainerImage;
  /** Overrides the image's CMD. @default the image's */
  readonly command?: string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets?: Readonly<Record<string, Secret>>;
  /** TCP ports the container listens on. */
  readonly ports: readonly number[];
  readonly healthCheck: HealthCheck;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /**
   * `rolling`: new tasks start before old ones stop (100-200 %), for stateless services. `replace`: the old task
   * stops first (0-100 %), for a single server that must never run twice (the Consul server).
   */
  readonly deployment: 'rolling' | 'replace';
  /** Registers the tasks in the cluster's Cloud Map namespace under this name (A records). @default not registered */
  readonly cloudMapName?: string;
  /** Grace for load balancer health checks after a task starts. @default none (no load balancer) */
  readonly healthCheckGracePeriod?: Duration;
}

// What ECS waits between SIGTERM and SIGKILL. The services drain in-flight calls for up to 20 s on SIGTERM
// (services/plugin-host/config.ts DRAIN_TIMEOUT_MS), and deregister from Consul before that.
const STOP_TIMEOUT = Duration.seconds(30);

/**
 * One long-running service on Fargate: its task definition (one container, JSON logs to its own log group, a
 * container health check), and the service, which replaces failing deployments automatically (the deployment
 * circuit breaker rolls back to the last deployment that reached a steady state).
 */
export class HomeostasisService extends Construct {
  readonly taskDefinition: FargateTaskDefinition;
  readonly container: ContainerDefinition;
  readonly service: FargateService;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HomeostasisServiceProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.taskDefinition = new FargateTaskDefinition(this, 'Task', {
      cpu: props.sizing.cpu,
      memoryLimitMiB: props.sizing.memoryMiB,
      runtimePlatform: { cpuArchitecture: CpuArchitecture.X86_64, operatingSystemFamily: OperatingSystemFamily.LINUX },
    });
    this.container = this.taskDefinition.addContainer('Main', {
      image: props.image,
      ...(props.command ? { command: props.command } : {}),
      environment: { ...props.environment },
      ...(props.secrets ? { secrets: { ...props.secrets } } : {}),
      portMappings: props.ports.map((containerPort) => ({ containerPort, protocol: Protocol.TCP })),
      healthCheck: props.healthCheck,
      logging: LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: id.toLowerCase() }),
      stopTimeout: STOP_TIMEOUT,
      essential: true,
    });
    const rolling = props.deployment === 'rolling';
    this.service = new FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: props.sizing.desiredCount,
      securityGroups: [props.securityGroup],
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      minHealthyPercent: rolling ? 100 : 0,
      maxHealthyPercent: rolling ? 200 : 100,
      circuitBreaker: { enable: true, rollback: true },
      ...(props.healthCheckGracePeriod ? { healthCheckGracePeriod: props.healthCheckGracePeriod } : {}),
      ...(props.cloudMapName
        ? {
            cloudMapOptions: { name: props.cloudMapName, dnsRecordType: DnsRecordType.A, dnsTtl: Duration.seconds(10) },
          }
        : {}),
    });
  }
}
