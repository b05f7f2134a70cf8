'use strict';
// See nullReference.cjs: one snippet per export, each must throw. Paths are fixed (see scratchDir.cjs).
const fs = require('node:fs');
const net = require('node:net');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');
const childProcess = require('node:child_process');
const { dropRoot, isolated, scratch } = require('./scratchDir.cjs');

exports.readMissingFile = () => fs.readFileSync('/nonexistent/config.json');

exports.listMissingDirectory = () => fs.readdirSync('/nonexistent/uploads');

exports.readMissingFileAsync = () => fs.promises.readFile('/srv/orders/templates/invoice.html', 'utf8');

exports.readFileUnderAFile = () => fs.readFileSync('/etc/hosts/config.json');

exports.readDirectoryAsFile = () => fs.readFileSync('/etc');

exports.readUnreadableFile = isolated(() => {
  const file = scratch('secret.pem');
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, 'key');
  fs.chmodSync(file, 0o000);
  dropRoot();
  return fs.readFileSync(file);
});

/**
 * An empty directory nobody but root may write to (mode 0555), so the permission errors below come out the same
 * as root-then-nobody (containers) and as an ordinary user. One per snippet: they run at the same time.
 */
function readOnlyDir(name) {
  const dir = scratch(name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { mode: 0o555 });
  fs.chmodSync(dir, 0o555);
  return dir;
}

exports.createDirectoryInReadOnlyDirectory = isolated(() => {
  const dir = readOnlyDir('exports');
  dropRoot();
  return fs.mkdirSync(`${dir}/2024-05`);
});

exports.listenOnSocketInReadOnlyDirectory = isolated(
  () =>
    new Promise((resolve, reject) => {
      const dir = readOnlyDir('run');
      dropRoot();
      const server = net.createServer();
      server.on('error', reject);
      server.listen(`${dir}/app.sock`, () => server.close(resolve));
    }),
);

exports.spawnNonExecutable = isolated(
  () =>
    new Promise((resolve, reject) => {
      const script = scratch('report.sh', { 'report.sh': 'echo report\n' });
      fs.chmodSync(script, 0o644);
      dropRoot();
      const child = childProcess.spawn(script);
      child.on('error', reject);
      child.on('close', resolve);
    }),
);

exports.chmodFileOfAnotherUser = isolated(() => {
  dropRoot();
  return fs.chmodSync('/etc/hosts', 0o666);
});

exports.chownFileToRoot = isolated(() => {
  const file = scratch('upload.csv', { 'upload.csv': 'sku,qty\n' });
  dropRoot();
  return fs.chownSync(file, 0, 0);
});

exports.spawnMissingExecutable = () =>
  new Promise((resolve, reject) => {
    const child = childProcess.spawn('orders-invoice-renderer', ['invoice.html']);
    child.on('error', reject);
    child.on('close', resolve);
  });

exports.spawnSyncMissingExecutable = () => childProcess.execFileSync('orders-report-exporter', ['--month', '2024-05']);

// A require() from a file of a deployed service; the message lists that file as the require stack.
const requireFromService = createRequire('/srv/orders/dist/src/db.js');

exports.requireMissingPackage = () => requireFromService('pg');

exports.requireMissingRelativeFile = () => requireFromService('./config/settings.json');

exports.importMissingPackage = () =>
  import(pathToFileURL(scratch('esm/db.mjs', { 'esm/db.mjs': "import pg from 'pg';\nexport default pg;\n" })));

exports.importMissingRedisClient = () =>
  import(
    pathToFileURL(
      scratch('esm/cache.mjs', { 'esm/cache.mjs': "import Redis from 'ioredis';\nexport default Redis;\n" }),
    )
  );

exports.importWithoutExtension = () =>
  import(
    pathToFileURL(
      scratch('esm/server.mjs', {
        'esm/store/orders.js': 'export const connect = () => {};\n',
        'esm/server.mjs': "import { connect } from './store/orders';\nconnect();\n",
      }),
    )
  );

exports.importMissingRelativeFile = () =>
  import(
    pathToFileURL(scratch('esm/app.mjs', { 'esm/app.mjs': "import { connect } from './lib/db.js';\nconnect();\n" }))
  );

const SDK_FILES = {
  'esm/node_modules/orders-sdk/package.json': JSON.stringify({ name: 'orders-sdk', exports: { '.': './index.js' } }),
  'esm/node_modules/orders-sdk/index.js': 'module.exports = {};\n',
  'esm/client.mjs': "import { Client } from 'orders-sdk/internal/client.js';\nexport { Client };\n",
};

exports.requireUnexportedSubpath = () => {
  scratch('esm', SDK_FILES);
  return createRequire(scratch('esm/client.cjs'))('orders-sdk/internal/client.js');
};

exports.importUnexportedSubpath = () => import(pathToFileURL(scratch('esm/client.mjs', SDK_FILES)));

const PRICING_FILES = {
  'esm/pricing.mjs': 'export const total = (items) => items.length;\n',
  'esm/checkout.mjs': "import { totl } from './pricing.mjs';\nexport const run = () => totl([]);\n",
  'esm/report.mjs': "import pricing from './pricing.mjs';\nexport const run = () => pricing.total([]);\n",
};

exports.importMisspelledExport = () => import(pathToFileURL(scratch('esm/checkout.mjs', PRICING_FILES)));

exports.importMissingDefaultExport = () => import(pathToFileURL(scratch('esm/report.mjs', PRICING_FILES)));

exports.importTypeScriptWithoutLoader = () =>
  import(pathToFileURL(scratch('esm/server.ts', { 'esm/server.ts': 'export const port: number = 3000;\n' })));

exports.importTsxWithoutLoader = () =>
  import(pathToFileURL(scratch('esm/page.tsx', { 'esm/page.tsx': 'export const Page = () => null;\n' })));
