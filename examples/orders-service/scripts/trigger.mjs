// Shared by generate-crash-log.mjs and reproduce.mjs: build the service, start it, find its port, send orders.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Orders with discount codes the service does not know: the trigger of the most frequent crash. */
export const BAD_DISCOUNT_ORDERS = [
  { customerId: 'cus_1002', lines: [{ sku: 'TEE-014', quantity: 1 }], discountCode: 'SUMMER25' },
  { customerId: 'cus_1004', lines: [{ sku: 'MUG-001', quantity: 2 }], discountCode: 'blackfriday' },
];

/** Compiles the service in `dir` with the TypeScript it depends on; returns tsc's exit status and output. */
export function buildService(dir) {
  let tsc;
  try {
    tsc = createRequire(join(dir, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return {
      status: 1,
      output: `typescript is not installed in ${dir}: run npm install (or link node_modules) first\n`,
    };
  }
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Starts the compiled server; `stdio` is what `child_process.spawn` takes for stdout and stderr. */
export function startService(dir, { env = {}, stdio = ['pipe', 'pipe'] } = {}) {
  return spawn(process.execPath, ['dist/src/server.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', ...stdio],
  });
}

/** Reads the port from the server's `... listening` log line, polling `readOutput` until it appears. */
export async function waitForPort(readOutput, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const line of readOutput().split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const record = JSON.parse(line);
        if (typeof record.msg === 'string' && record.msg.endsWith(' listening') && Number.isInteger(record.port)) {
          return record.port;
        }
      } catch {
        // a line cut mid-write: the next poll sees it whole
      }
    }
    await sleep(50);
  }
  throw new Error(`the service did not log its port within ${timeoutMs} ms`);
}

/** Sends one HTTP request to the service; `body` is sent as is when it is a string, as JSON otherwise. */
export async function send(port, method, path, { body, reqId } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (reqId) headers['x-request-id'] = reqId;
  const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body: payload });
  await response.arrayBuffer();
  return response.status;
}
