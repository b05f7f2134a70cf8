import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
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

export const DEV_CONFIG: DeploymentConfig = {
  stage: 'dev',
  functions: DEV_FUNCTIONS,
  logRetention: RetentionDays.ONE_MONTH,
  removalPolicy: RemovalPolicy.DESTROY,
  validateStepTimeout: Duration.minutes(3),
  ingestBatchingWindow: Duration.seconds(1),
  local: false,
};

export const PROD_CONFIG: DeploymentConfig = {
  stage: 'prod',
  functions: PROD_FUNCTIONS,
  logRetention: RetentionDays.ONE_MONTH,
  removalPolicy: RemovalPolicy.RETAIN,
  validateStepTimeout: Duration.minutes(4),
  ingestBatchingWindow: Duration.seconds(5),
  local: false,
};

/** The error the app entry throws on a context value it does not know. */
export class DeploymentConfigError extends Error {
  override readonly name = 'DeploymentConfigError';
}

/** Picks the record for `-c stage=<name>` (default dev); `-c local=true` marks it for the local emulator. */
export function deploymentConfigFor(stageName: string | undefined, local: boolean): DeploymentConfig {
  const name = stageName ?? 'dev';
  const base = name === 'dev' ? DEV_CONFIG : name === 'prod' ? PROD_CONFIG : undefined;
  if (!base) throw new DeploymentConfigError(`unknown stage '${name}': expected dev or prod`);
  return { ...base, local };
}
