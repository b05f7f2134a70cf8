import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A running AWS emulator on loopback. */
export interface LocalCloud {
  /** `http://localhost:<port>`: moto parses CloudFormation TemplateURLs with a port only for host `localhost`. */
  readonly endpoint: string;
  readonly region: string;
  /** Static credentials the emulator accepts. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Drops every resource (moto's `POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** Stops the emulator this call started (by PID); a no-op for an external endpoint. */
  stop(): Promise<void>;
}

export interface LocalCloudOptions {
  /** Use an emulator that is already running (e.g. LocalStack on http://localhost:4566) instead of starting moto. */
  readonly externalEndpoint?: string;
  /** @default 'moto_server' from PATH */
  readonly motoCommand?: string;
  /** Where the emulator's output goes. @default <repo>/.local */
  readonly logDir?: string;
  /** @default 20 000 (moto answers in ~2 s on an idle machine; a loaded CI box is slower) */
  readonly readyTimeoutMs?: number;
}

export class LocalCloudError extends Error {
  override readonly name = 'LocalCloudError';
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;
const STOP_GRACE_MS = 3_000;

/** Starts moto_server on a free loopback port (or adopts `externalEndpoint`) and waits until it answers. */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  if (options.externalEndpoint) {
    const endpoint = options.externalEndpoint.replace(/\/$/, '');
    await waitUntilAnswering(endpoint, options.readyTimeoutMs ?? 20_000, undefined);
    return cloudAt(endpoint, async () => {});
  }
  const port = await freeLoopbackPort();
  const logDir = options.logDir ?? path.join(REPO_ROOT, '.local');
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `moto-${port}.log`);
  const logFd = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(options.motoCommand ?? 'moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    closeSync(logFd);
  }
  const exited = once(child, 'exit').then(() => undefined);
  const failedToSpawn = once(child, 'error').then(([error]) => {
    throw new LocalCloudError(`could not start moto_server: ${String(error)}`);
  });
  const endpoint = `http://localhost:${port}`;
  try {
    await Promise.race([waitUntilAnswering(endpoint, options.readyTimeoutMs ?? 20_000, child), failedToSpawn]);
  } catch (error) {
    child.kill('SIGKILL');
    const tail = readFileSync(logFile, 'utf8').slice(-2_000);
    throw new LocalCloudError(`moto_server did not become ready: ${String(error)}\n${tail}`, { cause: error });
  }
  return cloudAt(endpoint, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  });
}

/** Points the SDK at the emulator through the environment, as a deployed function would be configured. */
export function useEmulatorEnvironment(endpoint: string): void {
  process.env['AWS_ENDPOINT_URL'] = endpoint;
  process.env['AWS_ENDPOINT_URL_S3'] = endpoint;
  process.env['AWS_REGION'] = REGION;
  process.env['AWS_ACCESS_KEY_ID'] = CREDENTIALS.accessKeyId;
  process.env['AWS_SECRET_ACCESS_KEY'] = CREDENTIALS.secretAccessKey;
}

function cloudAt(endpoint: string, stop: () => Promise<void>): LocalCloud {
  return {
    endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new LocalCloudError(`reset answered ${response.status}`);
    },
    stop,
  };
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new LocalCloudError('no port from the kernel');
  return address.port;
}

async function waitUntilAnswering(endpoint: string, timeoutMs: number, child: ChildProcess | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new LocalCloudError(`exited with code ${child.exitCode}`);
    try {
      // Any HTTP answer means the server loop runs; moto answers GET / with 200 and a tiny body.
      const response = await fetch(endpoint, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new LocalCloudError(`no answer from ${endpoint} within ${timeoutMs} ms`, { cause: lastError });
}
