import { z } from 'zod';
import { DEFAULT_ORPHAN_MARGIN_MS } from '../../core/deliver/deliverySweep.ts';
import { CONSUL_SERVICE_NAMES, ENV, SERVICE_PORTS } from '../../infra/cdk/lib/contract.ts';

/** Base error of the orchestrator's configuration. */
export class OrchestratorConfigError extends Error {
  override name = 'OrchestratorConfigError';
}

/** Where healings live: the embedded SQLite file, or the DynamoDB tables of the AWS deployment. */
export type StoreConfig =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'dynamodb';
      tables: { healings: string; occurrences: string; processed: string; control: string };
      /** The pipeline's queues an applied stage report hands the healing on to; null: reports are only recorded. */
      queues: { patch: string; validate: string } | null;
    };

const storeSpec = z.union([z.string().regex(/^sqlite:.+/, 'sqlite:<path>'), z.literal('dynamodb')]);

const OrchestratorEnv = z.object({
  /** Address the server binds and registers in Consul. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Address registered in Consul when HOST is a wildcard (ECS: the task's IP). @default HOST */
  ADVERTISE_HOST: z.string().min(1).optional(),
  /** 0 picks a free port (tests); the bound port is what gets registered. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(SERVICE_PORTS.orchestrator),
  /** `sqlite:<path>` (embedded) or `dynamodb` (the tables below). No default: the store is a deliberate choice. */
  STORE: storeSpec,
  [ENV.healingsTable]: z.string().min(1).optional(),
  [ENV.occurrencesTable]: z.string().min(1).optional(),
  [ENV.processedTable]: z.string().min(1).optional(),
  [ENV.controlTable]: z.string().min(1).optional(),
  /** With STORE=dynamodb: the pipeline's queues that applied stage reports hand healings on to (both or neither). */
  [ENV.patchQueueUrl]: z.url().optional(),
  [ENV.validateQueueUrl]: z.url().optional(),
  /** The service registry; with STORE=dynamodb it turns the delivery sweep on (services with a `delivery`). */
  [ENV.servicesTable]: z.string().min(1).optional(),
  /** Absent: the orchestrator runs without registering. */
  [ENV.consulHttpAddr]: z.url().optional(),
  SERVICE_NAME: z.string().min(1).default(CONSUL_SERVICE_NAMES.orchestrator),
  /** Written into risk policies and decisions (`dev`, `staging`, `prod`). */
  HOMEOSTASIS_ENVIRONMENT: z.string().min(1).default('development'),
  /**
   * How long SIGTERM waits for in-flight calls before cancelling them. ECS sends SIGKILL 30 s after SIGTERM
   * (stopTimeout default), so 20 s leaves time to deregister and exit.
   */
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(20_000),
  /** How often an open WatchHealing stream reads the healing's events (core/operate/healingWatch.ts). */
  WATCH_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /**
   * How often healings left `validated` are asked for approval (HealingDesk.requestPendingApprovals); 0 = never.
   * 30 s: approval waits for people anyway, and in AWS mode a sweep is a scan of the healings table.
   */
  APPROVAL_SWEEP_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /**
   * How often approved healings of registered services are delivered and delivered ones verified
   * (core/deliver/deliverySweep.ts); 0 = never. 30 s, as the approval sweep: a delivery waits for people anyway.
   */
  DELIVERY_SWEEP_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /**
   * Deliveries one process runs at once. A delivery holds its slot for the whole plan (10 % → 50 % → 100 % is ten
   * minutes by default) while it mostly sleeps; 4 keeps a burst of approvals moving without a burst of deployments.
   */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * A `delivering` healing no process has recorded progress on for its plan's longest bake, two polls and this long
   * is paused as orphaned (its orchestrator died without draining); a person resumes or rolls it back.
   */
  DELIVERY_ORPHAN_MARGIN_MS: z.coerce.number().int().min(0).max(86_400_000).default(DEFAULT_ORPHAN_MARGIN_MS),
  /** Comma-separated globs (picomatch) of paths whose change needs more review, added to core/approve's defaults. */
  RISK_CRITICAL_PATHS: z.string().optional(),
  /** Test hook: every unary call waits this long first, so a test can hold a call in flight. 0 in production. */
  CALL_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});

export interface OrchestratorConfig {
  host: string;
  advertiseHost: string;
  port: number;
  store: StoreConfig;
  consulAddress: string | null;
  serviceName: string;
  environment: string;
  drainTimeoutMs: number;
  watchIntervalMs: number;
  /** Added to the default critical paths of every environment's risk policy. */
  criticalPaths: string[];
  approvalSweepMs: number;
  /** The delivery sweep; `servicesTable` null (or `sweepMs` 0) leaves it off. */
  delivery: { sweepMs: number; concurrency: number; orphanMarginMs: number; servicesTable: string | null };
  callDelayMs: number;
}

/** Reads and validates the environment once; nothing else in the process reads `process.env`. */
export function loadOrchestratorConfig(env: NodeJS.ProcessEnv = process.env): OrchestratorConfig {
  const parsed = OrchestratorEnv.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new OrchestratorConfigError(`invalid orchestrator configuration: ${issues}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    advertiseHost: e.ADVERTISE_HOST ?? e.HOST,
    port: e.PORT,
    store: storeOf(e),
    consulAddress: e[ENV.consulHttpAddr] ?? null,
    serviceName: e.SERVICE_NAME,
    environment: e.HOMEOSTASIS_ENVIRONMENT,
    drainTimeoutMs: e.DRAIN_TIMEOUT_MS,
    watchIntervalMs: e.WATCH_INTERVAL_MS,
    criticalPaths: (e.RISK_CRITICAL_PATHS ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean),
    approvalSweepMs: e.APPROVAL_SWEEP_MS,
    delivery: {
      sweepMs: e.DELIVERY_SWEEP_MS,
      concurrency: e.DELIVERY_CONCURRENCY,
      orphanMarginMs: e.DELIVERY_ORPHAN_MARGIN_MS,
      servicesTable: e[ENV.servicesTable] ?? null,
    },
    callDelayMs: e.CALL_DELAY_MS,
  };
}

function storeOf(e: z.infer<typeof OrchestratorEnv>): StoreConfig {
  if (e.STORE !== 'dynamodb') return { kind: 'sqlite', path: e.STORE.slice('sqlite:'.length) };
  const names = [ENV.healingsTable, ENV.occurrencesTable, ENV.processedTable, ENV.controlTable] as const;
  const missing = names.filter((name) => !e[name]);
  if (missing.length > 0) {
    throw new OrchestratorConfigError(`STORE=dynamodb needs ${missing.join(', ')} (infra/cdk/lib/contract.ts ENV)`);
  }
  const patch = e[ENV.patchQueueUrl];
  const validate = e[ENV.validateQueueUrl];
  if (Boolean(patch) !== Boolean(validate)) {
    throw new OrchestratorConfigError(`set both ${ENV.patchQueueUrl} and ${ENV.validateQueueUrl}, or neither`);
  }
  return {
    kind: 'dynamodb',
    queues: patch && validate ? { patch, validate } : null,
    tables: {
      healings: e[ENV.healingsTable]!,
      occurrences: e[ENV.occurrencesTable]!,
      processed: e[ENV.processedTable]!,
      control: e[ENV.controlTable]!,
    },
  };
}
