// Builds the service in the current directory, starts it, sends only the unknown-discount-code orders and prints
// everything the server wrote (stdout and stderr, in arrival order) to stdout. It gives no verdict: whoever runs it
// reads the output. Exits 0 once the server is stopped; non-zero only when the service cannot be built or started.
import { once } from 'node:events';
import { BAD_DISCOUNT_ORDERS, buildService, send, startService, waitForPort } from './trigger.mjs';

const dir = process.cwd();
const build = buildService(dir);
if (build.status !== 0) {
  process.stdout.write(build.output);
  process.stderr.write(`reproduce: build failed with status ${build.status}\n`);
  process.exit(2);
}

const server = startService(dir);
let output = '';
const collect = (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
};
server.stdout.setEncoding('utf8').on('data', collect);
server.stderr.setEncoding('utf8').on('data', collect);
const closed = once(server, 'close');

let started = true;
try {
  const port = await waitForPort(() => output);
  for (const [index, order] of BAD_DISCOUNT_ORDERS.entries()) {
    const status = await send(port, 'POST', '/orders', { body: order, reqId: `reproduce-${index + 1}` });
    process.stderr.write(`reproduce: POST /orders discountCode=${order.discountCode} -> ${status}\n`);
  }
} catch (err) {
  started = false;
  process.stderr.write(`reproduce: ${err instanceof Error ? err.message : String(err)}\n`);
}
if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
await closed;
process.exit(started ? 0 : 3);
