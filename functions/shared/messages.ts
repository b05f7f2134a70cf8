import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { z } from 'zod';

const gunzipAsync = promisify(gunzip);

export class MessageError extends Error {
  override name = 'MessageError';
}

/** 256 KiB is the SQS message size limit; a body cannot hold more lines than that anyway. */
const MAX_LINES = 10_000;

export const LineBatchSchema = z.object({
  lines: z.array(z.string()).min(1).max(MAX_LINES),
  service: z.string().min(1).max(128).optional(),
  stream: z.string().min(1).max(512).optional(),
});

export const CloudWatchEnvelopeSchema = z.object({ awslogs: z.object({ data: z.string().min(1) }) });

/** What a CloudWatch Logs subscription delivers once base64-decoded and gunzipped. */
export const CloudWatchPayloadSchema = z.object({
  messageType: z.enum(['DATA_MESSAGE', 'CONTROL_MESSAGE']),
  logGroup: z.string(),
  logStream: z.string(),
  logEvents: z.array(z.object({ id: z.string(), timestamp: z.number(), message: z.string() })),
});

export const HealingMessageSchema = z.object({ healingId: z.string().min(1).max(128) });
export type HealingMessage = z.infer<typeof HealingMessageSchema>;

export const CandidateMessageSchema = HealingMessageSchema.extend({ candidateId: z.string().min(1).max(128) });
export type CandidateMessage = z.infer<typeof CandidateMessageSchema>;

/** An ingest body in its one shape: lines, the sender's service and stream. */
export interface IngestPayload {
  lines: string[];
  service: string | null;
  stream: string | null;
}

/**
 * Reads an ingest body: `{lines, service?, stream?}`, a CloudWatch Logs subscription payload `{awslogs:{data}}`,
 * or else the body is one log line (a JSON log record is a line too). A body that claims one of the two shapes
 * (has `lines` or `awslogs`) must match it: that is a broken sender, and the message goes to the DLQ.
 */
export async function parseIngestBody(body: string): Promise<IngestPayload> {
  if (body.trim() === '') throw new MessageError('empty body');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { lines: [body], service: null, stream: null };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return { lines: [body], service: null, stream: null };
  if ('lines' in json) {
    const batch = parseWith(LineBatchSchema, json, 'line batch');
    return { lines: batch.lines, service: batch.service ?? null, stream: batch.stream ?? null };
  }
  if ('awslogs' in json)
    return parseCloudWatch(parseWith(CloudWatchEnvelopeSchema, json, 'CloudWatch envelope').awslogs.data);
  return { lines: [body], service: null, stream: null };
}

async function parseCloudWatch(data: string): Promise<IngestPayload> {
  let text: string;
  try {
    text = (await gunzipAsync(Buffer.from(data, 'base64'))).toString('utf8');
  } catch {
    throw new MessageError('awslogs.data is not base64 gzip');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MessageError('awslogs.data does not hold JSON');
  }
  const payload = parseWith(CloudWatchPayloadSchema, json, 'CloudWatch payload');
  if (payload.messageType === 'CONTROL_MESSAGE') return { lines: [], service: null, stream: payload.logStream };
  return {
    // One log event may hold a whole multi-line trace.
    lines: payload.logEvents.flatMap((e) => e.message.replace(/\n$/, '').split('\n')),
    service: serviceOfLogGroup(payload.logGroup),
    stream: `${payload.logGroup}:${payload.logStream}`,
  };
}

/** `/aws/lambda/orders` -> `orders`, `/ecs/orders-service` -> `orders-service`: the last segment names the service. */
export function serviceOfLogGroup(logGroup: string): string | null {
  return logGroup.split('/').filter(Boolean).at(-1) ?? null;
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MessageError(`invalid ${what}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Parses a JSON body with a schema; a body that is not JSON is a MessageError like a wrong shape. */
export function parseJsonBody<T>(schema: z.ZodType<T>, body: string, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MessageError(`${what} body is not JSON`);
  }
  return parseWith(schema, json, what);
}
