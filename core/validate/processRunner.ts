import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Bytes of output kept (the tail): test runners can print megabytes. */
  maxOutputBytes?: number;
}

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** Combined stdout and stderr, interleaved as produced, last `maxOutputBytes` only. */
  output: string;
}

/** Grace between SIGTERM and SIGKILL when a step overruns its timeout. */
const KILL_GRACE_MS = 2_000;

/**
 * Runs a shell command given by the user or detected from the repository (never text from a log), in its own
 * process group so a timeout kills the whole tree (test runners fork workers).
 */
export function runCommand(command: string, options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const limit = options.maxOutputBytes ?? 256 * 1024;
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      while (size > limit && chunks.length > 1) size -= (chunks.shift() as Buffer).length;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let timedOut = false;
    const kill = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS).unref();
    }, options.timeoutMs);
    const finish = (exitCode: number | null, signal: string | null) => {
      clearTimeout(timer);
      kill('SIGKILL'); // leftovers of the group (servers a test forgot to stop)
      let output = Buffer.concat(chunks).toString('utf8');
      if (output.length > limit) output = output.slice(-limit);
      resolve({ exitCode, signal, timedOut, durationMs: Math.round(performance.now() - started), output });
    };
    child.on('error', () => finish(127, null));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** The last `lines` lines of an output, for reports. */
export function tail(output: string, lines = 20): string {
  const all = output.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}
