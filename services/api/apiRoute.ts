import type { z } from 'zod';
import type { ApiRole, Principal } from './apiKeys.ts';

/** What a handler answers: JSON (the default) or text with its content type. */
export type ApiReply = { status?: number; json: unknown } | { status?: number; text: string; contentType: string };

export interface RouteContext<Q, B> {
  principal: Principal;
  /** Path parameters, e.g. `{id}`. */
  params: Record<string, string>;
  query: Q;
  body: B;
}

/**
 * One REST operation. The same object drives the server (matching, auth, parsing) and the OpenAPI document
 * (services/api/openapi.ts), so the two cannot drift.
 */
export interface Route<Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PUT';
  /** OpenAPI style: `/v1/healings/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  /** The role a key needs; every route needs a key. */
  role: ApiRole;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The 200 body: a schema for JSON, or a media type for text. */
  response: z.ZodType | { mediaType: string };
  /** Name of the response schema under OpenAPI components (shared by the operations that answer it). */
  responseName?: string;
  /** Error statuses this operation may answer besides 401/403 (documented in OpenAPI). */
  errors: number[];
  handle(ctx: RouteContext<Q, B>): Promise<ApiReply>;
}

/** Erases a route's types for the route table. */
export function route<Q, B>(r: Route<Q, B>): Route<unknown, unknown> {
  return r as unknown as Route<unknown, unknown>;
}

/** Compiles `/v1/healings/{id}` to a matcher returning the params, or null. */
export function pathMatcher(path: string): (pathname: string) => Record<string, string> | null {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1] as string);
      return '([^/]+)';
    })
    .join('/');
  const pattern = new RegExp(`^${source}$`);
  return (pathname) => {
    const match = pattern.exec(pathname);
    if (!match) return null;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] as string);
    });
    return params;
  };
}
