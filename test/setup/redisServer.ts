import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeLoopbackPort } from './consulAgent.ts';
import { ensureDebianTool } from './ensureDebianTool.ts';
import { stopChild } from './stopChild.ts';

/** A Redis server on loopback, started for a test file (Debian's redis-server, installed when missing). */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops the server this call started (by PID) and removes its dir; safe to call twice. */
  stop(): Promise<void>;
}

export class RedisServerError extends Error {
  override readonly name = 'RedisServerError';
}

/** Redis answers PING within milliseconds of starting; 20 s covers a loaded CI box. */
const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 3_000;

export function ensureRedis(): { path: string; version: string } {
  return ensureDebianTool({ command: 'redis-server', packages: ['redis-server'], label: 'Redis' });
}

/**
 * Starts `redis-server` in the foreground on a free loopback port without persistence (flags from
 * shared/notes/local-cloud.md), or on `port` when given (a test restarting "the same" Redis).
 */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const binary = ensureRedis().path;
  const chosen = port ?? (await freeLoopbackPort());
  const dir = mkdtempSync(path.join(tmpdir(), 'redis-'));
  const logFile = path.join(dir, 'redis.log');
  const child: ChildProcess = spawn(
    binary,
    [
      ...['--bind', '127.0.0.1', '--port', String(chosen), '--save', '', '--appendonly', 'no'],
      ...['--dir', dir, '--logfile', logFile],
    ],
    { stdio: 'ignore' },
  );
  const pid = child.pid;
  if (pid === undefined) throw new RedisServerError('redis-server did not start');
  const stop = async () => {
    await stopChild(child, STOP_GRACE_MS);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPong(chosen, child);
  } catch (error) {
    let log = '';
    try {
      log = readFileSync(logFile, 'utf8').slice(-2_000);
    } catch {
      // no log file
    }
    await stop();
    throw new RedisServerError(`redis-server not ready: ${String(error)}\n${log}`);
  }
  return { url: `redis://127.0.0.1:${chosen}`, port: chosen, pid, stop };
}

/** Sends an inline PING over a raw socket until `+PONG` comes back. */
async function waitForPong(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new RedisServerError(`exited with code ${child.exitCode}`);
    const pong = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(1_000, () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(false));
      socket.on('connect', () => socket.write('PING\r\n'));
      socket.on('data', (data) => {
        socket.end();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    if (pong) return;
    await sleep(50);
  }
  throw new RedisServerError(`no PONG after ${READY_TIMEOUT_MS} ms`);
}
