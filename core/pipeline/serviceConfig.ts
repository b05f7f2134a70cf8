import { z } from 'zod';
import { CanaryStepSchema } from '../deliver/progressivePlan.ts';
import { LANGUAGES } from '../schema/taxonomy.ts';

export const SourceLocationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('s3'), bucket: z.string().min(1), key: z.string().min(1) }),
  z.object({
    kind: z.literal('git'),
    url: z.string().min(1),
    /** Secrets Manager secret holding an HTTPS token for the clone; absent for public or file:// repositories. */
    tokenSecretArn: z.string().min(1).optional(),
    ref: z.string().min(1).optional(),
  }),
]);
export type SourceLocation = z.infer<typeof SourceLocationSchema>;

/**
 * How the orchestrator delivers an approved patch of the service: its Lambda function's alias, progressively
 * (core/deliver/progressiveDelivery.ts). Absent fields take core/deliver's defaults (10 % → 50 % → 100 %, five
 * minutes a canary step; one hour of verification). `bakeMs` sets the bake of the default canary steps; `steps`
 * replaces the whole plan. (`kind: 'ecs'`, adapters/aws/ecsServiceTarget.ts, is not wired to the orchestrator yet.)
 */
export const LambdaDeliverySchema = z.object({
  kind: z.literal('lambda'),
  functionName: z.string().min(1).max(170),
  alias: z.string().min(1).max(128),
  steps: z.array(CanaryStepSchema).min(1).optional(),
  bakeMs: z.number().int().min(0).optional(),
  pollMs: z.number().int().positive().optional(),
  graceMs: z.number().int().min(0).optional(),
  verifyWindowMs: z.number().int().positive().optional(),
  otherErrors: z.enum(['pause', 'ignore']).optional(),
});
export type LambdaDelivery = z.infer<typeof LambdaDeliverySchema>;

/**
 * The `delivery` field: a typed delivery the orchestrator runs, or (as before it existed) a free record without a
 * `kind` that the orchestrator leaves alone. A record with an unknown `kind` is refused rather than ignored.
 */
export const ServiceDeliverySchema = z
  .record(z.string(), z.unknown())
  .transform((record, ctx): LambdaDelivery | Record<string, unknown> => {
    if (!('kind' in record)) return record;
    if (record['kind'] !== 'lambda') {
      ctx.addIssue({ code: 'custom', message: "unknown delivery kind (known: 'lambda')", path: ['kind'] });
      return z.NEVER;
    }
    const parsed = LambdaDeliverySchema.safeParse(record);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });
export type ServiceDelivery = z.infer<typeof ServiceDeliverySchema>;

/** The service's orchestrator-run delivery, or null when it has none. */
export function lambdaDeliveryOf(config: ServiceConfig): LambdaDelivery | null {
  const parsed = LambdaDeliverySchema.safeParse(config.delivery);
  return parsed.success ? parsed.data : null;
}

/** A service the pipeline heals: the services table item (pk `service`). */
export const ServiceConfigSchema = z.object({
  service: z.string().min(1).max(128),
  language: z.enum(LANGUAGES),
  source: SourceLocationSchema,
  testCommand: z.string().min(1),
  reproduceCommand: z.string().min(1).optional(),
  /** Runtime path prefix -> repository prefix (`/var/task/` -> ``). */
  pathMappings: z.array(z.object({ from: z.string(), to: z.string() })).default([]),
  /** Per-service ladder step timeout; the function's VALIDATE_STEP_TIMEOUT_MS when absent. */
  stepTimeoutMs: z.number().int().positive().optional(),
  /** How a validated patch leaves the pipeline (ServiceDeliverySchema); read by the orchestrator's delivery sweep. */
  delivery: ServiceDeliverySchema.default({}),
});
export type ServiceConfig = z.infer<typeof ServiceConfigSchema>;
