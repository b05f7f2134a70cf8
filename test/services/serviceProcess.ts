import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One of the project's services running as a child process (so signals are real), and the JSON lines it logged. */
export interface ServiceProcess {
  readonly pid: number;
  /** The log record that said it serves (its ports are in it). */
  readonly serving: Record<string, unknown>;
  readonly logs: Record<string, unknown>[];
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export interface ServiceProcessOptions {
  /** The entry under the repository root, run with tsx: `services/orchestrator/main.ts`. */
  entry: string;
  /** The service's name in error messages. */
  name: string;
  /** The `message` of the log record that says it serves. */
  servingMessage: string;
  /** Added to PATH only: nothing else of the test's environment leaks into the service. */
  env: Record<string, string>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** tsx compiles the modules on first start: ~2-4 s on a 2-core CI box, more when other suites run. */
const START_TIMEOUT_MS = 30_000;

/** Starts the service and resolves once it logged `servingMessage`; SIGKILLed when that takes longer than 30 s. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', options.entry], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name} did not start`);
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const lines = createInterface({ input: child.stdout! });
  const serving = new Promise<Record<string, unknown>>((resolve, reject) => {
    lines.on('line', (line) => {
      const record = parseJson(line);
      if (!record) return;
      logs.push(record);
      if (record['message'] === options.servingMessage) resolve(record);
    });
    exited.then((code) =>
      reject(new Error(`${options.name} exited (${code}) before serving: ${stderr.slice(-2_000)}`)),
    );
  });
  // The start timer is cleared once the service serves: left running it would kill a healthy service later.
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} not serving after ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
  });
  const record = await Promise.race([serving, timedOut]).finally(() => clearTimeout(timer));
  return {
    pid,
    serving: record,
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
