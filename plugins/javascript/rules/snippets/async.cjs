'use strict';
// See nullReference.cjs: one snippet per export, each must throw or leave a rejection unhandled.
const assert = require('node:assert');
const fs = require('node:fs');
const http = require('node:http');

exports.rejectWithString = () => {
  Promise.reject('payment provider unavailable');
};

exports.rejectWithNothing = () => {
  new Promise((_resolve, reject) => reject());
};

exports.promiseResolvedWithItself = async () => {
  let pending;
  pending = Promise.resolve().then(() => pending);
  await pending;
};

exports.asyncFunctionReturnsOwnPromise = async () => {
  const pending = (async () => {
    await null;
    return pending;
  })();
  await pending;
};

/** Runs `handler` for one request and throws the error it raised. */
async function errorInHandler(handler) {
  let raised;
  const server = http.createServer((_request, response) => {
    try {
      handler(response);
    } catch (error) {
      raised = error;
    }
    response.on('error', (error) => {
      raised = error;
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${server.address().port}/`, (res) => res.resume().on('end', resolve))
      .on('error', reject);
  });
  await new Promise((resolve) => setImmediate(resolve));
  server.close();
  if (raised) throw raised;
}

exports.setHeaderAfterResponse = () =>
  errorInHandler((response) => {
    response.end('ok');
    response.setHeader('x-request-id', '42');
  });

exports.writeHeadAfterResponse = () =>
  errorInHandler((response) => {
    response.end('ok');
    response.writeHead(500);
  });

exports.writeAfterResponseEnd = () =>
  errorInHandler((response) => {
    response.end('ok');
    response.write('more');
  });

exports.writeAfterFileStreamEnd = () =>
  new Promise((_resolve, reject) => {
    const out = fs.createWriteStream('/dev/null');
    out.on('error', reject);
    out.end('header\n');
    out.write('row\n');
  });

exports.strictEqualFails = () => {
  const total = 19.98;
  assert.strictEqual(total, 19.99);
};

exports.deepStrictEqualFails = () => assert.deepStrictEqual({ sku: 'A-1', qty: 2 }, { sku: 'A-1', qty: 3 });

exports.assertWithMessageFails = () => {
  const total = -5;
  assert.ok(total >= 0, 'order total must not be negative');
};

exports.assertExpressionFails = () => {
  const items = [];
  assert(items.length > 0);
};

exports.assertFail = () => assert.fail('unreachable: unknown order state');
