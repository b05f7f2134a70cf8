import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { stopChild } from './stopChild.ts';

/** A Consul dev agent on loopback, started for a test file. */
export interface ConsulAgent {
  /** `http://127.0.0.1:<port>` */
  readonly httpAddress: string;
  readonly pid: number;
  /** Stops the agent this call started (by PID) and removes its data dir. */
  stop(): Promise<void>;
}

export class ConsulAgentError extends Error {
  override readonly name = 'ConsulAgentError';
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A dev agent elects itself leader in ~0.2 s (shared/notes/local-cloud.md); 20 s covers a loaded CI box. */
const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 3_000;

/** The Consul 1.8.7 binary from the shared install script, unpacked under `<repo>/.local/consul`. */
export function consulBinary(): string {
  const script = path.resolve(REPO_ROOT, '../shared/tools/install-consul.sh');
  return execFileSync(script, [path.join(REPO_ROOT, '.local/consul')], { encoding: 'utf8' }).trim();
}

/** Starts `consul agent -dev` on free loopback ports, with its data dir in a temp dir, and waits for a leader. */
export async function startConsulAgent(): Promise<ConsulAgent> {
  const binary = consulBinary();
  const [http, serfLan, serfWan, server] = [
    await freeLoopbackPort(),
    await freeLoopbackPort(),
    await freeLoopbackPort(),
    await freeLoopbackPort(),
  ];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'consul-'));
  const logFile = path.join(dataDir, 'agent.log');
  const logFd = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    // Flags from shared/notes/local-cloud.md, with every port free; gRPC and DNS of the agent itself are off.
    child = spawn(
      binary,
      [
        'agent',
        '-dev',
        '-bind=127.0.0.1',
        '-client=127.0.0.1',
        `-http-port=${http}`,
        '-grpc-port=-1',
        '-dns-port=-1',
        `-serf-lan-port=${serfLan}`,
        `-serf-wan-port=${serfWan}`,
        `-server-port=${server}`,
        `-data-dir=${path.join(dataDir, 'data')}`,
      ],
      { stdio: ['ignore', logFd, logFd] },
    );
  } finally {
    closeSync(logFd);
  }
  const pid = child.pid;
  if (pid === undefined) throw new ConsulAgentError('consul did not start');
  const httpAddress = `http://127.0.0.1:${http}`;
  const stop = async () => {
    await stopChild(child, STOP_GRACE_MS);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForLeader(httpAddress, child);
  } catch (error) {
    const log = readFileSync(logFile, 'utf8').slice(-2_000);
    await stop();
    throw new ConsulAgentError(`consul agent not ready: ${String(error)}\n${log}`);
  }
  return { httpAddress, pid, stop };
}

async function waitForLeader(httpAddress: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new ConsulAgentError(`exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${httpAddress}/v1/status/leader`);
      if (response.ok && ((await response.json()) as string).length > 0) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new ConsulAgentError(`no leader after ${READY_TIMEOUT_MS} ms`);
}

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new ConsulAgentError('no port from the kernel');
  return address.port;
}
