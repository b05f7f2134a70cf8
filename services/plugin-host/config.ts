import { z } from 'zod';
import { LANGUAGES } from '../../core/schema/taxonomy.ts';

/** Base error of the plugin host's configuration. */
export class PluginHostConfigError extends Error {
  override name = 'PluginHostConfigError';
}

const languageList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(LANGUAGES)).min(1));

const PluginHostEnv = z.object({
  /** Address the server binds and registers in Consul (other processes dial it). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Address registered in Consul when HOST is a wildcard (ECS: the task's IP). @default HOST */
  ADVERTISE_HOST: z.string().min(1).optional(),
  /** 0 picks a free port (tests); the bound port is what gets registered. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(50_051),
  /** Comma-separated; each must be served by a plugin of this build (checked when the registry is made). Unset: all. */
  LANGUAGES: languageList.optional(),
  /** Absent: the host runs without registering (e.g. behind a fixed address). */
  CONSUL_HTTP_ADDR: z.url().optional(),
  SERVICE_NAME: z.string().min(1).default('homeostasis-plugin-host'),
  /**
   * How long SIGTERM waits for in-flight calls before cancelling them. ECS sends SIGKILL 30 s after SIGTERM
   * (stopTimeout default), so 20 s leaves time to deregister and exit.
   */
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(20_000),
  /** Test hook: every plugin call waits this long first, so a test can hold a call in flight. 0 in production. */
  CALL_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});

export interface PluginHostConfig {
  host: string;
  advertiseHost: string;
  port: number;
  /** `null`: every plugin of this build. */
  languages: z.infer<typeof languageList> | null;
  consulAddress: string | null;
  serviceName: string;
  drainTimeoutMs: number;
  callDelayMs: number;
}

/** Reads and validates the environment once; nothing else in the process reads `process.env`. */
export function loadPluginHostConfig(env: NodeJS.ProcessEnv = process.env): PluginHostConfig {
  const parsed = PluginHostEnv.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new PluginHostConfigError(`invalid plugin host configuration: ${issues}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    advertiseHost: e.ADVERTISE_HOST ?? e.HOST,
    port: e.PORT,
    languages: e.LANGUAGES ?? null,
    consulAddress: e.CONSUL_HTTP_ADDR ?? null,
    serviceName: e.SERVICE_NAME,
    drainTimeoutMs: e.DRAIN_TIMEOUT_MS,
    callDelayMs: e.CALL_DELAY_MS,
  };
}
