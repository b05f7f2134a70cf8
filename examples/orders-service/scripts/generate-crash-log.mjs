// Produces logs/crash.log by really running the service: copies it to <tmp>/srv/orders (the path a deployment
// uses), builds it there, starts it with stdout and stderr both going to the log file (like `2>&1`), sends a
// day's worth of traffic in miniature with the known bad inputs mixed in, then triggers the report crash that
// kills the process. Nothing in the log is written by this script. Usage: node scripts/generate-crash-log.mjs
import { once } from 'node:events';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { buildService, send, startService, waitForPort } from './trigger.mjs';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const logPath = join(serviceDir, 'logs', 'crash.log');

/** Seeded PRNG (mulberry32) so the traffic mix and request ids are the same on every run. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = prng(20_240_514);
const pick = (items) => items[Math.floor(random() * items.length)];
const requestId = () => Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join('');

const CUSTOMERS = ['cus_1001', 'cus_1002', 'cus_1003', 'cus_1004', 'cus_1005'];
const SKUS = ['MUG-001', 'TEE-014', 'BAG-220', 'NB-007', 'LMP-310'];
const VALID_CODES = ['WELCOME10', 'spring15', ' LOYAL5', 'Welcome10 '];

function normalOrder() {
  const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
    sku: pick(SKUS),
    quantity: 1 + Math.floor(random() * 4),
  }));
  const order = { customerId: pick(CUSTOMERS), lines };
  if (random() < 0.3) order.discountCode = pick(VALID_CODES);
  return { method: 'POST', path: '/orders', body: order };
}

const badCode = (code) => ({
  method: 'POST',
  path: '/orders',
  body: { customerId: pick(CUSTOMERS), lines: [{ sku: pick(SKUS), quantity: 1 }], discountCode: code },
});
const unknownCustomer = (customerId) => ({
  method: 'POST',
  path: '/orders',
  body: { customerId, lines: [{ sku: pick(SKUS), quantity: 2 }] },
});
const malformed = (body) => ({ method: 'POST', path: '/orders', body });

const triggers = [
  ...['SUMMER25', 'WELCOME-10', 'blackfriday', 'FREESHIP', 'xmas2023', 'SPRING-15', 'welcome 10', 'VIP20'].map(badCode),
  ...['cus_2417', 'cus_0000', 'guest-8841'].map(unknownCustomer),
  ...[
    'not json',
    '{"customerId":"cus_1002","lines":[{"sku":"MUG-001","quantity":2}',
    "{'customerId': 'cus_1004', 'lines': [{'sku': 'NB-007', 'quantity': 1}]}",
  ].map(malformed),
  { method: 'POST', path: '/orders', body: { customerId: 'cus_1003', lines: [] } },
  { method: 'POST', path: '/orders', body: { customerId: 'cus_1005', lines: [{ sku: 'HAT-404', quantity: 1 }] } },
];

/** Normal orders first (the service warms up), then the triggers shuffled in among the rest. */
function trafficPlan() {
  const mixed = [...Array.from({ length: 30 }, normalOrder), ...triggers];
  for (let i = mixed.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [mixed[i], mixed[j]] = [mixed[j], mixed[i]];
  }
  return [...Array.from({ length: 6 }, normalOrder), { method: 'GET', path: '/health' }, ...mixed];
}

/** Stand-in payment provider: the 9th and 31st calls are slow, the 17th fails once with 503 (then is retried). */
async function startPaymentProvider() {
  let calls = 0;
  const server = createServer((req, res) => {
    calls += 1;
    const call = calls;
    req.resume();
    const answer = (status) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { id: `auth_${call.toString().padStart(6, '0')}` } : { error: 'busy' }));
    };
    if (call === 9 || call === 31) setTimeout(() => answer(200), call === 9 ? 420 : 380);
    else answer(call === 17 ? 503 : 200);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

const workRoot = mkdtempSync(join(tmpdir(), 'orders-'));
const workDir = join(workRoot, 'srv', 'orders');
mkdirSync(workDir, { recursive: true });
cpSync(serviceDir, workDir, {
  recursive: true,
  filter: (path) => !['node_modules', 'dist', 'logs'].includes(relative(serviceDir, path).split(/[\\/]/)[0]),
});
symlinkSync(join(serviceDir, 'node_modules'), join(workDir, 'node_modules'), 'dir');

const build = buildService(workDir);
if (build.status !== 0) throw new Error(`tsc failed in ${workDir}:\n${build.output}`);

const provider = await startPaymentProvider();
mkdirSync(dirname(logPath), { recursive: true });
const logFd = openSync(logPath, 'w');
const service = startService(workDir, {
  env: { PAYMENT_PROVIDER_URL: `http://127.0.0.1:${provider.address().port}` },
  stdio: [logFd, logFd],
});
const exited = once(service, 'exit');

try {
  const port = await waitForPort(() => readFileSync(logPath, 'utf8'));
  const created = [];
  for (const request of trafficPlan()) {
    const status = await send(port, request.method, request.path, { body: request.body, reqId: requestId() });
    if (status === 201) created.push(request);
    await sleep(20 + Math.floor(random() * 60));
  }
  // The nightly report rerun for a day with no orders (the service only holds today's): this kills the process.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await send(port, 'POST', `/admin/reports/daily?day=${yesterday}`, { reqId: requestId() });
  const watchdog = setTimeout(() => service.kill('SIGKILL'), 5_000);
  const [code, signal] = await exited;
  clearTimeout(watchdog);
  if (code !== 1) throw new Error(`expected the report crash to exit the service with code 1, got ${code ?? signal}`);
  console.log(
    `service exited with code ${code} after ${created.length} orders; log: ${relative(process.cwd(), logPath)}`,
  );
} finally {
  if (service.exitCode === null && service.signalCode === null) service.kill('SIGTERM');
  closeSync(logFd);
  provider.close();
  rmSync(workRoot, { recursive: true, force: true });
}
