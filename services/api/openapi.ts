import { z } from 'zod';
import type { Route } from './apiRoute.ts';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed (the message says which part).',
  401: 'No valid x-api-key header.',
  403: 'The key lacks the role this operation needs.',
  404: 'No such healing.',
  409: 'The request conflicts with the healing state (e.g. not awaiting approval, already approved by this actor).',
  413: 'The body is too large.',
};

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * The OpenAPI 3.1 document of the REST API, generated from the route table and its zod schemas (JSON Schema
 * 2020-12, which OpenAPI 3.1 uses). `npm run openapi` writes it to docs/openapi.json; a test checks the committed
 * file is current.
 */
export function openApiDocument(routes: readonly Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = { Error: schemaOf(ErrorBody, 'output') };
  for (const r of routes) {
    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      description: `Needs a key with the '${r.role}' role${r.role === 'viewer' ? ' (any key)' : ''}.`,
      parameters: [...pathParameters(r.path), ...queryParameters(r)],
      responses: responses(r, schemas),
    };
    if (r.body) {
      operation['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: schemaOf(r.body, 'input') } },
      };
    }
    paths[r.path] = { ...paths[r.path], [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Homeostasis API',
      version,
      description:
        'Healings as the orchestrator (AWS mode) or `homeostasis serve` (embedded) records them: list, read, ' +
        'see the patch, approve or reject, and the kill switch that stops all automatic delivery.',
    },
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } }, schemas },
    paths,
  };
}

function pathParameters(path: string): unknown[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

function queryParameters(r: Route): unknown[] {
  if (!r.query) return [];
  const json = schemaOf(r.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: (json.required ?? []).includes(name),
    schema,
  }));
}

function responses(r: Route, schemas: Record<string, unknown>): Record<string, unknown> {
  let schema: unknown = { type: 'string' };
  if (!('mediaType' in r.response)) {
    schema = schemaOf(r.response as z.ZodType, 'output');
    if (r.responseName) {
      schemas[r.responseName] = schema;
      schema = { $ref: `#/components/schemas/${r.responseName}` };
    }
  }
  const mediaType = 'mediaType' in r.response ? r.response.mediaType : 'application/json';
  const ok = { content: { [mediaType]: { schema } } };
  const out: Record<string, unknown> = { '200': { description: 'OK', ...ok } };
  for (const status of [...new Set([400, 401, 403, ...r.errors])].sort()) {
    if (status === 400 && !r.query && !r.body) continue;
    out[String(status)] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return out;
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): unknown {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}
