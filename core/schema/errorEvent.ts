import { z } from 'zod';
import { CATEGORIES, LANGUAGES, SEVERITIES } from './taxonomy.ts';

/**
 * ErrorEvent, schema 1.x. Field names follow ADR-005 (error schema standardization), flattened to camelCase
 * so that every transport (CLI JSON, DynamoDB items, gRPC messages) carries the same shape:
 *   ADR-005 `error.type.specific` -> `errorType`, `error.message.raw|normalized` -> `message|normalizedMessage`,
 *   `error.source.language|runtime|version` -> `language`, `runtime{name,version}`,
 *   `error.context.stack_trace` -> `frames`, `error.metadata.request_id|tags` -> `context{requestId,tags}`.
 * Minor versions only add optional fields; a major bump is a breaking change.
 */
export const ERROR_SCHEMA_VERSION = '1.0.0';

export const FrameSchema = z.object({
  /** Path as the runtime printed it, or the repository path for source frames. */
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  /** Function or method name, `null` for anonymous/top-level code. */
  function: z.string().nullable(),
  /** Module, package or class the frame belongs to, when the runtime says so. */
  module: z.string().nullable().default(null),
  /** True when the frame is the application's own code (not a dependency, the runtime or the standard library). */
  inApp: z.boolean(),
  /** True for frames the runtime marks asynchronous (`at async fn`). */
  async: z.boolean().optional(),
});
export type Frame = z.infer<typeof FrameSchema>;

export const CauseSchema = z.object({
  errorType: z.string(),
  message: z.string(),
  /** How the runtime linked it: `caused-by` (Java), `context` ("During handling"), `cause` ("direct cause"), `suppressed`. */
  relation: z.enum(['caused-by', 'context', 'cause', 'suppressed']),
});

export const ErrorEventSchema = z.object({
  schemaVersion: z.literal(ERROR_SCHEMA_VERSION),
  id: z.string().min(1),
  timestamp: z.string().datetime({ offset: true }),
  service: z.string(),
  environment: z.string(),
  language: z.enum(LANGUAGES),
  runtime: z.object({ name: z.string(), version: z.string().nullable() }).nullable(),
  errorType: z.string(),
  message: z.string(),
  normalizedMessage: z.string(),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  frames: z.array(FrameSchema),
  /** Frames after source-map resolution and mapping to repository paths; empty until resolved. */
  sourceFrames: z.array(FrameSchema),
  causes: z.array(CauseSchema).default([]),
  fingerprint: z.string(),
  fingerprintAlgorithm: z.string(),
  /** The lines of the log the event came from, secrets masked. */
  rawExcerpt: z.string(),
  context: z.object({
    requestId: z.string().nullable(),
    tags: z.record(z.string(), z.string()),
  }),
});
export type ErrorEvent = z.infer<typeof ErrorEventSchema>;

/** JSON Schema (draft 2020-12) of ErrorEvent, for users of other languages. */
export function errorEventJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ErrorEventSchema, { io: 'output' }) as Record<string, unknown>;
}
