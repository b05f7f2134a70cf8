'use strict';
// See nullReference.cjs: one snippet per export, each must throw. Only loopback is used, and no message may quote
// an ephemeral port (examples must be identical on every run), so refused connections go to fixed closed ports.
const childProcess = require('node:child_process');
const dgram = require('node:dgram');
const dns = require('node:dns');
const http = require('node:http');
const net = require('node:net');
const fs = require('node:fs');
const stream = require('node:stream');
const { setTimeout: sleep } = require('node:timers/promises');
const { scratch } = require('./scratchDir.cjs');

function listening(server, ...address) {
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(...address, () => resolve(server));
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (response) => response.resume().on('end', resolve)).on('error', reject);
  });
}

exports.connectToClosedPort = () =>
  new Promise((resolve, reject) => {
    const socket = net.connect(1, '127.0.0.1', resolve);
    socket.on('error', reject);
  });

exports.httpGetClosedPort = () => get('http://127.0.0.1:9/health');

exports.fetchClosedPort = () => fetch('http://127.0.0.1:2/orders');

exports.fetchFromServerThatResets = async () => {
  const server = await listening(
    net.createServer((socket) => socket.once('data', () => socket.resetAndDestroy())),
    0,
    '127.0.0.1',
  );
  try {
    await fetch(`http://127.0.0.1:${server.address().port}/orders`);
  } finally {
    server.close();
  }
};

exports.httpServerClosesBeforeResponse = async () => {
  const server = await listening(
    net.createServer((socket) => socket.destroy()),
    0,
    '127.0.0.1',
  );
  try {
    await get(`http://127.0.0.1:${server.address().port}/orders`);
  } finally {
    server.close();
  }
};

exports.httpServerEndsAfterRequest = async () => {
  const server = await listening(
    net.createServer((socket) => socket.once('data', () => socket.end())),
    0,
    '127.0.0.1',
  );
  try {
    await get(`http://127.0.0.1:${server.address().port}/orders`);
  } finally {
    server.close();
  }
};

exports.httpServerResetsConnection = async () => {
  const server = await listening(
    net.createServer((socket) => socket.once('data', () => socket.resetAndDestroy())),
    0,
    '127.0.0.1',
  );
  try {
    await get(`http://127.0.0.1:${server.address().port}/orders`);
  } finally {
    server.close();
  }
};

exports.socketReset = async () => {
  const server = await listening(
    net.createServer((socket) => socket.once('data', () => socket.resetAndDestroy())),
    0,
    '127.0.0.1',
  );
  try {
    await new Promise((resolve, reject) => {
      const socket = net.connect(server.address().port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.on('error', reject);
      socket.on('close', resolve);
    });
  } finally {
    server.close();
  }
};

// An empty label ("..") makes getaddrinfo fail before any query is sent, so the result does not depend on the
// machine's DNS; a typo like this in a host setting is a real cause of ENOTFOUND.
exports.lookupMalformedHost = () =>
  new Promise((resolve, reject) => {
    const socket = net.connect(5432, 'orders-db..internal', resolve);
    socket.on('error', reject);
  });

/** A DNS server on loopback that answers every query with NXDOMAIN, or never answers. */
async function fakeDns(answer) {
  const server = dgram.createSocket('udp4');
  server.on('message', (query, peer) => {
    if (!answer) return;
    const reply = Buffer.from(query);
    reply[2] = 0x81; // QR=1 (response), RD=1
    reply[3] = 0x83; // RA=1, RCODE=3 (NXDOMAIN)
    server.send(reply, peer.port, peer.address);
  });
  await new Promise((resolve) => server.bind(0, '127.0.0.1', resolve));
  const resolver = new dns.promises.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${server.address().port}`]);
  return { resolver, close: () => server.close() };
}

exports.resolveUnknownHost = async () => {
  const { resolver, close } = await fakeDns(true);
  try {
    await resolver.resolve4('payments.internal');
  } finally {
    close();
  }
};

exports.resolveWithSilentDnsServer = async () => {
  const { resolver, close } = await fakeDns(false);
  try {
    await resolver.resolve4('payments.internal');
  } finally {
    close();
  }
};

exports.execSyncPastTimeout = () => childProcess.execSync('sleep 2', { timeout: 100, stdio: 'ignore' });

exports.execFileSyncPastTimeout = () => childProcess.execFileSync('sleep', ['2'], { timeout: 100, stdio: 'ignore' });

async function hangingServer() {
  return listening(
    http.createServer(() => {}),
    0,
    '127.0.0.1',
  );
}

exports.fetchPastTimeoutSignal = async () => {
  const server = await hangingServer();
  try {
    await fetch(`http://127.0.0.1:${server.address().port}/orders`, { signal: AbortSignal.timeout(50) });
  } finally {
    server.closeAllConnections();
    server.close();
  }
};

exports.timeoutSignalChecked = async () => {
  const signal = AbortSignal.timeout(10);
  await sleep(50);
  signal.throwIfAborted();
};

exports.fetchAborted = async () => {
  const server = await hangingServer();
  const controller = new AbortController();
  try {
    const pending = fetch(`http://127.0.0.1:${server.address().port}/orders`, { signal: controller.signal });
    controller.abort();
    await pending;
  } finally {
    server.closeAllConnections();
    server.close();
  }
};

exports.sleepAborted = async () => {
  const controller = new AbortController();
  const pending = sleep(1_000, null, { signal: controller.signal });
  controller.abort();
  await pending;
};

exports.listenOnTakenSocket = async () => {
  const path = scratch('orders.sock');
  fs.rmSync(path, { force: true });
  const first = await listening(net.createServer(), path);
  try {
    await listening(net.createServer(), path);
  } finally {
    first.close();
  }
};

exports.listenOnTakenMetricsSocket = async () => {
  const path = scratch('metrics.sock');
  fs.rmSync(path, { force: true });
  const first = await listening(http.createServer(), path);
  try {
    await listening(http.createServer(), path);
  } finally {
    first.close();
  }
};

exports.streamDestroyedBeforeEnd = () =>
  new Promise((resolve, reject) => {
    const upload = new stream.PassThrough();
    stream.finished(upload, (error) => (error ? reject(error) : resolve()));
    upload.destroy();
  });

exports.pipelineDestinationDestroyed = () =>
  stream.promises.pipeline(
    stream.Readable.from(['a', 'b', 'c']),
    new stream.Writable({
      write(_chunk, _encoding, done) {
        this.destroy();
        done();
      },
    }),
  );
