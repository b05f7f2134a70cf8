import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { z } from 'zod';
import { ApiError, badRequest, forbidden, notFound, unauthorized } from './apiErrors.ts';
import type { ApiKeyRing, Principal } from './apiKeys.ts';
import { type ApiReply, pathMatcher, type Route } from './apiRoute.ts';

export interface ApiServerOptions {
  routes: readonly Route[];
  keys: ApiKeyRing;
  /** 0 picks a free port (tests). */
  port: number;
  host: string;
  /** The dashboard's static files, served under `/dashboard/` without a key (the page asks for one). */
  dashboardDir?: string;
  logger?: Logger;
}

export interface RunningApi {
  /** `http://host:port` as bound. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Request bodies are small JSON documents (a decision, a switch); anything larger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024;

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** The dashboard loads only its own files and talks only to this API; no inline script, no framing. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** The REST API (and the dashboard's files) on node:http. */
export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  const table = options.routes.map((r) => ({ route: r, match: pathMatcher(r.path) }));
  const server = createServer((req, res) => {
    const started = Date.now();
    handle(req, res, table, options)
      .catch((error: unknown) => sendError(res, error, options.logger))
      .finally(() => {
        options.logger?.info('request', {
          method: req.method,
          path: (req.url ?? '').split('?')[0],
          status: res.statusCode,
          durationMs: Date.now() - started,
        });
      });
  });
  server.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `http://${host}:${port}`, port, close: () => closeServer(server) };
}

type Table = { route: Route; match: (pathname: string) => Record<string, string> | null }[];

async function handle(req: IncomingMessage, res: ServerResponse, table: Table, options: ApiServerOptions) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') return send(res, { json: { status: 'ok' } });
  if (url.pathname === '/' && req.method === 'GET') {
    res.writeHead(302, { location: '/dashboard/', ...SECURITY_HEADERS }).end();
    return;
  }
  if (url.pathname.startsWith('/dashboard/') && options.dashboardDir) {
    return serveStatic(res, options.dashboardDir, url.pathname.slice('/dashboard/'.length) || 'index.html');
  }
  const matches = table.flatMap(({ route, match }) => {
    const params = match(url.pathname);
    return params ? [{ route, params }] : [];
  });
  if (matches.length === 0) throw notFound(`no such resource: ${url.pathname}`);
  const found = matches.find((m) => m.route.method === req.method);
  if (!found) {
    throw new ApiError(405, 'method-not-allowed', `${req.method} is not allowed on ${url.pathname}`);
  }
  const principal = options.keys.authenticate(header(req, 'x-api-key'));
  if (!principal) throw unauthorized();
  authorize(principal, found.route);
  const query = found.route.query ? parse(found.route.query, Object.fromEntries(url.searchParams), 'query') : {};
  const body = found.route.body ? parse(found.route.body, await readJson(req), 'body') : undefined;
  send(res, await found.route.handle({ principal, params: found.params, query, body }));
}

/** Any key reads; other roles must be held by the key. */
function authorize(principal: Principal, route: Route): void {
  if (route.role === 'viewer' || principal.roles.includes(route.role)) return;
  throw forbidden(`the key '${principal.name}' lacks the '${route.role}' role`);
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badRequest(`invalid ${where}: ${issue?.path.map(String).join('.') || '(root)'}: ${issue?.message}`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = header(req, 'content-type') ?? '';
  if (!type.startsWith('application/json')) throw badRequest('the body must be application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'too-large', `the body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('the body is not JSON');
  }
}

async function serveStatic(res: ServerResponse, root: string, relative: string): Promise<void> {
  // normalize() resolves `..`; anything that still leaves the root (or names a dotfile) is not ours to serve.
  const path = normalize(join(root, decodeURIComponent(relative)));
  if (!path.startsWith(normalize(root) + sep) || relative.split('/').some((s) => s.startsWith('.'))) {
    throw notFound('no such file');
  }
  const type = MEDIA_TYPES[extname(path)];
  if (!type) throw notFound('no such file');
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch {
    throw notFound('no such file');
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', ...SECURITY_HEADERS }).end(content);
}

function send(res: ServerResponse, reply: ApiReply): void {
  const status = reply.status ?? 200;
  if ('json' in reply) {
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS })
      .end(JSON.stringify(reply.json));
  } else {
    res.writeHead(status, { 'content-type': reply.contentType, ...SECURITY_HEADERS }).end(reply.text);
  }
}

function sendError(res: ServerResponse, error: unknown, logger: Logger | undefined): void {
  const known = error instanceof ApiError ? error : null;
  if (!known) logger?.error('request failed', { error });
  const status = known?.status ?? 500;
  const body = { error: { code: known?.code ?? 'internal', message: known?.message ?? 'internal error' } };
  if (res.headersSent) {
    res.destroy();
    return;
  }
  send(res, { status, json: body });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
