import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Language } from '../../../core/schema/taxonomy.ts';
import type { Stage } from './contract.ts';

/** Compute settings of one pipeline stage's function. */
export interface FunctionSizing {
  readonly memoryMiB: number;
  readonly timeout: Duration;
  /** /tmp size; only validate unpacks and builds repositories there. */
  readonly ephemeralStorage?: Size;
  /** Upper bound of concurrent invocations from the event source (2..1000); undefined = no bound. */
  readonly maxConcurrency?: number;
}

/** CPU units (1024 = one vCPU) and memory of one Fargate task; the pair must be a Fargate combination. */
export interface TaskSizing {
  readonly cpu: number;
  readonly memoryMiB: number;
  /** Tasks the service keeps running. */
  readonly desiredCount: number;
}

/** One plugin host service: the languages its tasks serve (the LANGUAGES env var of services/plugin-host/config.ts). */
export interface PluginHostGroup extends TaskSizing {
  /** Part of the construct ids and of the ECS service name: lowercase letters and digits. */
  readonly name: string;
  readonly languages: readonly Language[];
}

/** The long-running services of issue 4 (ECS Fargate, ElastiCache): deployed in their own stacks. */
export interface ServicesConfig {
  /** NAT gateways of the VPC: one per AZ in prod so losing an AZ does not cut the others off. */
  readonly natGateways: number;
  readonly pluginHosts: readonly PluginHostGroup[];
  readonly orchestrator: TaskSizing;
  /** The self-contained Consul server (one task; used when no `consulAddress` is given). */
  readonly consul: Omit<TaskSizing, 'desiredCount'>;
  /** ElastiCache node type and replicas (0 = a single node; 1+ = automatic failover across AZs). */
  readonly redis: { readonly nodeType: string; readonly replicas: number };
}

/** Everything that differs between deployments. Chosen in the app entry, passed down as props; constructs never read context. */
export interface DeploymentConfig {
  /** `dev` or `prod`: part of the stack names. */
  readonly stage: string;
  readonly functions: Readonly<Record<Stage, FunctionSizing>>;
  /** Retention of every function's log group. */
  readonly logRetention: RetentionDays;
  /** What happens to tables and the bucket when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
  /** Time the validate function gives each ladder step (syntax, type check, tests). */
  readonly validateStepTimeout: Duration;
  /** How long ingest waits to fill a batch; smooths bursts of log lines into fewer invocations. */
  readonly ingestBatchingWindow: Duration;
  /**
   * Left out of the template when deploying into a local emulator that cannot create them (moto has no
   * AWS::CloudWatch::Alarm and skips AWS::S3::BucketPolicy). Everything else is the same template.
   */
  readonly local: boolean;
  /**
   * The services stacks (VPC, ECS, ElastiCache, load balancer). Undefined for a local emulator (moto's
   * CloudFormation has no AWS::ServiceDiscovery and no running ECS tasks) or with `-c services=false`: then the
   * stage functions run outside a VPC and reach Consul and Redis only when their addresses are given.
   */
  readonly services: ServicesConfig | undefined;
}

const DEV_FUNCTIONS: Record<Stage, FunctionSizing> = {
  ingest: { memoryMiB: 512, timeout: Duration.seconds(30) },
  analyze: { memoryMiB: 1024, timeout: Duration.minutes(1) },
  patch: { memoryMiB: 1024, timeout: Duration.minutes(2) },
  // Validation type-checks and runs a service's tests; 2048 MB gives ~1.2 vCPU (Lambda scales CPU with memory).
  validate: { memoryMiB: 2048, timeout: Duration.minutes(10), ephemeralStorage: Size.gibibytes(4), maxConcurrency: 2 },
};

const PROD_FUNCTIONS: Record<Stage, FunctionSizing> = {
  ingest: { memoryMiB: 1024, timeout: Duration.seconds(30) },
  // 1769 MB is one full vCPU (AWS Lambda documentation, "Memory and computing power").
  analyze: { memoryMiB: 1769, timeout: Duration.minutes(1) },
  patch: { memoryMiB: 1769, timeout: Duration.minutes(3) },
  // 3538 MB = two vCPUs: tsc and a test runner in parallel. 15 min is the Lambda maximum.
  validate: { memoryMiB: 3538, timeout: Duration.minutes(15), ephemeralStorage: Size.gibibytes(8), maxConcurrency: 10 },
};

// JavaScript/TypeScript gets its own hosts: its fixers load the TypeScript compiler (~1 GB resident under load),
// the other plugins share one. 1 vCPU / 2 GB is the smallest Fargate size with headroom for the compiler.
const DEV_SERVICES: ServicesConfig = {
  natGateways: 1,
  pluginHosts: [
    { name: 'javascript', languages: ['javascript', 'typescript'], cpu: 1024, memoryMiB: 2048, desiredCount: 1 },
    {
      name: 'polyglot',
      languages: ['python', 'java', 'go', 'rust', 'ruby', 'php', 'csharp'],
      cpu: 512,
      memoryMiB: 1024,
      desiredCount: 1,
    },
  ],
  orchestrator: { cpu: 512, memoryMiB: 1024, desiredCount: 1 },
  consul: { cpu: 256, memoryMiB: 512 },
  redis: { nodeType: 'cache.t4g.micro', replicas: 0 },
};

// Two tasks of everything a caller waits on, so a deployment or a lost AZ leaves one serving.
const PROD_SERVICES: ServicesConfig = {
  natGateways: 2,
  pluginHosts: DEV_SERVICES.pluginHosts.map((group) => ({ ...group, desiredCount: 2 })),
  orchestrator: { cpu: 1024, memoryMiB: 2048, desiredCount: 2 },
  consul: { cpu: 512, memoryMiB: 1024 },
  redis: { nodeType: 'cache.t4g.small', replicas: 1 },
};

export const DEV_CONFIG: DeploymentConfig = {
  stage: 'dev',
  functions: DEV_FUNCTIONS,
  logRetention: RetentionDays.ONE_MONTH,
  removalPolicy: RemovalPolicy.DESTROY,
  validateStepTimeout: Duration.minutes(3),
  ingestBatchingWindow: Duration.seconds(1),
  local: false,
  services: DEV_SERVICES,
};

export const PROD_CONFIG: DeploymentConfig = {
  stage: 'prod',
  functions: PROD_FUNCTIONS,
  logRetention: RetentionDays.ONE_MONTH,
  removalPolicy: RemovalPolicy.RETAIN,
  validateStepTimeout: Duration.minutes(4),
  ingestBatchingWindow: Duration.seconds(5),
  local: false,
  services: PROD_SERVICES,
};

/** The error the app entry throws on a context value it does not know. */
export class DeploymentConfigError extends Error {
  override readonly name = 'DeploymentConfigError';
}

/**
 * Picks the record for `-c stage=<name>` (default dev); `-c local=true` marks it for the local emulator, which
 * leaves the services stacks out; `withServices: false` (`-c services=false`) leaves them out of an account too.
 */
export function deploymentConfigFor(
  stageName: string | undefined,
  local: boolean,
  withServices = true,
): DeploymentConfig {
  const name = stageName ?? 'dev';
  const base = name === 'dev' ? DEV_CONFIG : name === 'prod' ? PROD_CONFIG : undefined;
  if (!base) throw new DeploymentConfigError(`unknown stage '${name}': expected dev or prod`);
  return { ...base, local, services: local || !withServices ? undefined : base.services };
}
