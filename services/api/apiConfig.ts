import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type ApiKey, ApiKeyListSchema } from './apiKeys.ts';

/** Base error of the API's configuration. */
export class ApiConfigError extends Error {
  override name = 'ApiConfigError';
}

/**
 * The REST API's environment. Keys come as JSON (`[{"name","key","roles"}]`), either inline — on ECS a Secrets
 * Manager secret injected as HOMEOSTASIS_API_KEYS — or from a file.
 */
const ApiEnv = z.object({
  HOMEOSTASIS_API_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (tests). */
  HOMEOSTASIS_API_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOMEOSTASIS_API_KEYS: z.string().min(1).optional(),
  HOMEOSTASIS_API_KEYS_FILE: z.string().min(1).optional(),
});

export interface ApiConfig {
  host: string;
  port: number;
  /** Empty when none is configured: `homeostasis serve` then makes a one-time key; the orchestrator refuses to start. */
  keys: ApiKey[];
}

export const API_ENV_NAMES = {
  host: 'HOMEOSTASIS_API_HOST',
  port: 'HOMEOSTASIS_API_PORT',
  keys: 'HOMEOSTASIS_API_KEYS',
  keysFile: 'HOMEOSTASIS_API_KEYS_FILE',
} as const;

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = ApiEnv.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ApiConfigError(`invalid API configuration: ${issues}`);
  }
  const e = parsed.data;
  if (e.HOMEOSTASIS_API_KEYS && e.HOMEOSTASIS_API_KEYS_FILE) {
    throw new ApiConfigError('set HOMEOSTASIS_API_KEYS or HOMEOSTASIS_API_KEYS_FILE, not both');
  }
  let text = e.HOMEOSTASIS_API_KEYS ?? null;
  if (e.HOMEOSTASIS_API_KEYS_FILE) {
    try {
      text = readFileSync(e.HOMEOSTASIS_API_KEYS_FILE, 'utf8');
    } catch (error) {
      throw new ApiConfigError(`cannot read HOMEOSTASIS_API_KEYS_FILE: ${(error as Error).message}`);
    }
  }
  return { host: e.HOMEOSTASIS_API_HOST, port: e.HOMEOSTASIS_API_PORT, keys: text === null ? [] : parseKeys(text) };
}

/** Parses the key list; the message names the broken field but never echoes a key. */
export function parseKeys(text: string): ApiKey[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiConfigError('API keys are not JSON (expected [{"name","key","roles"}])');
  }
  const parsed = ApiKeyListSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiConfigError(`invalid API keys: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}
