// Runs buggy functions for the accuracy benchmark. `node app.mjs <mode> <cases-json>`:
//   logged   - each case inside try/catch, logged as a pino-style JSON line (JSON.stringify of the real Error)
//   uncaught - the first case only, not caught: Node prints its own report on stderr
//   clean    - INFO/WARN lines that mention errors, and a handled error logged at WARN with its stack
// A line `@@case <n>` on stdout opens the output of case n.
import { parseConfig, parseLimits } from './config.mjs';
import { lineTotal } from './pricing.mjs';
import { displayName } from './users.mjs';

const BUGS = { lineTotal, displayName, parseConfig, parseLimits };
const [mode = 'clean', casesJson = '[]'] = process.argv.slice(2);
const cases = JSON.parse(casesJson);

function pino(level, fields) {
  const line = { level, time: Date.now(), pid: process.pid, hostname: 'shop-1', ...fields };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function serializeError(err) {
  return { type: err.constructor.name, message: err.message, stack: err.stack };
}

if (mode === 'clean') {
  pino(30, { msg: 'server started, error budget 0.1%' });
  pino(30, { reqId: 'r-100', msg: 'retrying after error: upstream reset', attempt: 2 });
  pino(40, { reqId: 'r-101', msg: 'error rate above 5% on /orders' });
  pino(30, { msg: 'errorHandler registered for /api' });
  try {
    JSON.parse('{cached');
  } catch (err) {
    // A handled error logged at WARN with its stack: not an error to heal.
    pino(40, { reqId: 'r-102', err: serializeError(err), msg: 'cache entry unreadable, error ignored' });
  }
} else if (mode === 'uncaught') {
  const [first] = cases;
  BUGS[first.bug](first.input);
} else {
  cases.forEach((c, n) => {
    process.stdout.write(`@@case ${n}\n`);
    pino(30, { reqId: c.requestId, msg: 'request received' });
    try {
      BUGS[c.bug](c.input);
    } catch (err) {
      pino(50, { reqId: c.requestId, err: serializeError(err), msg: 'request failed' });
    }
  });
}
