import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A plugin host running as a child process (so SIGTERM and SIGKILL are real), and the JSON lines it logged. */
export interface PluginHostProcess {
  readonly port: number;
  readonly address: string;
  readonly pid: number;
  readonly logs: Record<string, unknown>[];
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** tsx compiles the host's modules on first start: ~2-4 s on a 2-core CI box. */
const START_TIMEOUT_MS = 30_000;

export async function startPluginHostProcess(env: Record<string, string>): Promise<PluginHostProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'services/plugin-host/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('plugin host did not start');
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const lines = createInterface({ input: child.stdout! });
  const serving = new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      const record = parseJson(line);
      if (!record) return;
      logs.push(record);
      if (record['message'] === 'plugin host serving') resolve(Number(record['port']));
    });
    exited.then((code) => reject(new Error(`plugin host exited (${code}) before serving: ${stderr.slice(-2_000)}`)));
  });
  // The start timer is cleared once the host serves: left running it would kill a healthy host later.
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`plugin host not serving after ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
  });
  const port = await Promise.race([serving, timedOut]).finally(() => clearTimeout(timer));
  return {
    port,
    address: `127.0.0.1:${port}`,
    pid,
    logs,
    signal: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited,
  };
}

function parseJson(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
