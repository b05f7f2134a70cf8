import { z } from 'zod';
import { ENV } from '../../infra/cdk/lib/contract.ts';

export class FunctionConfigError extends Error {
  override name = 'FunctionConfigError';
}

/** Three minutes per ladder step when the stack sets no value: a type check and a test suite of a small service. */
const DEFAULT_STEP_TIMEOUT_MS = 180_000;

const ConfigSchema = z.object({
  [ENV.healingsTable]: z.string().min(1),
  [ENV.occurrencesTable]: z.string().min(1),
  [ENV.servicesTable]: z.string().min(1),
  [ENV.processedTable]: z.string().min(1),
  [ENV.controlTable]: z.string().min(1).optional(),
  [ENV.sourceBucket]: z.string().min(1).optional(),
  [ENV.analyzeQueueUrl]: z.string().url().optional(),
  [ENV.patchQueueUrl]: z.string().url().optional(),
  [ENV.validateQueueUrl]: z.string().url().optional(),
  [ENV.validateStepTimeoutMs]: z.coerce.number().int().positive().default(DEFAULT_STEP_TIMEOUT_MS),
  [ENV.consulHttpAddr]: z.string().url().optional(),
  [ENV.redisUrl]: z.string().url().optional(),
  /** Environment name written into error events. */
  HOMEOSTASIS_ENVIRONMENT: z.string().min(1).default('aws'),
});

export interface FunctionConfig {
  tables: { healings: string; occurrences: string; services: string; processed: string };
  /** Track records, limits and the kill switch; null in a stack deployed before the control table existed. */
  controlTable: string | null;
  sourceBucket: string | null;
  queues: { analyze: string | null; patch: string | null; validate: string | null };
  validateStepTimeoutMs: number;
  environment: string;
  /** Consul's HTTP API: the stages find plugin hosts there; null = the plugins run in the function. */
  consulAddress: string | null;
  /** Shared caches (plugin host discovery); null = none, each container caches alone. */
  redisUrl: string | null;
}

let cached: FunctionConfig | null = null;

/** The function's configuration, read from the environment once per container and checked at the edge. */
export function functionConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  if (cached && env === process.env) return cached;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FunctionConfigError(`invalid function environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const config: FunctionConfig = {
    tables: {
      healings: e[ENV.healingsTable],
      occurrences: e[ENV.occurrencesTable],
      services: e[ENV.servicesTable],
      processed: e[ENV.processedTable],
    },
    controlTable: e[ENV.controlTable] ?? null,
    sourceBucket: e[ENV.sourceBucket] ?? null,
    queues: {
      analyze: e[ENV.analyzeQueueUrl] ?? null,
      patch: e[ENV.patchQueueUrl] ?? null,
      validate: e[ENV.validateQueueUrl] ?? null,
    },
    validateStepTimeoutMs: e[ENV.validateStepTimeoutMs],
    environment: e.HOMEOSTASIS_ENVIRONMENT,
    consulAddress: e[ENV.consulHttpAddr] ?? null,
    redisUrl: e[ENV.redisUrl] ?? null,
  };
  if (env === process.env) cached = config;
  return config;
}

/** A queue this function sends to; its absence is a deployment error. */
export function queueUrl(config: FunctionConfig, stage: keyof FunctionConfig['queues']): string {
  const url = config.queues[stage];
  if (!url) throw new FunctionConfigError(`no ${stage} queue URL in the function environment`);
  return url;
}
