import { z } from 'zod';
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
  /** How a validated patch leaves the pipeline (pull request, branch); read by the delivery side. */
  delivery: z.record(z.string(), z.unknown()).default({}),
});
export type ServiceConfig = z.infer<typeof ServiceConfigSchema>;
