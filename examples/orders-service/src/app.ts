import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from './logger.js';
import { createOrder, InvalidOrderError, type OrderStore } from './orders.js';
import { PaymentError, type PaymentGateway } from './payments.js';
import { PricingError } from './pricing.js';
import { runDailyReport } from './reports.js';

export interface AppDeps {
  log: Logger;
  store: OrderStore;
  payments: PaymentGateway;
}

interface Reply {
  status: number;
  body: unknown;
}

/** A checkout cart is a few KB; anything past 64 KiB is not an order. */
const MAX_BODY_BYTES = 64 * 1024;
/** Request ids from the edge proxy are UUIDs or short tokens; anything else is replaced, not logged. */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const BASE_URL = 'http://orders.internal';

class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The one place where errors become HTTP statuses. */
function statusFor(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  if (err instanceof InvalidOrderError || err instanceof PricingError) return 400;
  if (err instanceof PaymentError) return 502;
  return 500;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function route(req: IncomingMessage, url: URL, deps: AppDeps, log: Logger): Promise<Reply> {
  const { pathname } = url;
  if (req.method === 'GET' && pathname === '/health') return { status: 200, body: { status: 'ok' } };
  if (req.method === 'POST' && pathname === '/orders') {
    const order = await createOrder(await readBody(req), { ...deps, log });
    return { status: 201, body: order };
  }
  if (req.method === 'GET' && pathname.startsWith('/orders/')) {
    const order = deps.store.get(pathname.slice('/orders/'.length));
    if (order === undefined) throw new HttpError(404, 'order not found');
    return { status: 200, body: order };
  }
  if (req.method === 'POST' && pathname === '/admin/reports/daily') {
    const day = url.searchParams.get('day');
    if (day === null || !DAY.test(day)) throw new HttpError(400, 'day must be YYYY-MM-DD');
    // Reruns the nightly job on demand (finance asks after late settlements); answered before it runs.
    setImmediate(() => runDailyReport(day, deps.store, log));
    return { status: 202, body: { scheduled: day } };
  }
  throw new HttpError(404, 'not found');
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: AppDeps): Promise<void> {
  const header = req.headers['x-request-id'];
  const reqId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  const log = deps.log.child({ reqId });
  // Absolute-form targets that are not valid URLs would throw here, outside the try below: route them to 404.
  const target = req.url ?? '/';
  const url = new URL(URL.canParse(target, BASE_URL) ? target : '/_invalid', BASE_URL);
  const started = performance.now();
  let reply: Reply;
  try {
    reply = await route(req, url, deps, log);
  } catch (err) {
    const status = statusFor(err);
    const message = err instanceof Error ? err.message : String(err);
    const request = { method: req.method, path: url.pathname, status };
    if (status >= 500) log.error('request errored', err, request);
    else log.warn(`request rejected: ${message}`, request);
    reply = { status, body: { error: status >= 500 ? 'internal error' : message, reqId } };
  }
  res.writeHead(reply.status, { 'content-type': 'application/json', 'x-request-id': reqId });
  res.end(JSON.stringify(reply.body));
  const responseTimeMs = Math.round(performance.now() - started);
  log.info('request completed', { method: req.method, path: url.pathname, status: reply.status, responseTimeMs });
}

export function createApp(deps: AppDeps): Server {
  return createServer((req, res) => {
    void handle(req, res, deps);
  });
}
