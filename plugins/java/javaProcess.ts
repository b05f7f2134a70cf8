import { spawn } from 'node:child_process';

/** What a JDK tool printed and how it ended. */
export interface ProcessRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export class JavaProcessError extends Error {
  override name = 'JavaProcessError';
}

/**
 * JVM flags for short-lived tool runs: C1 only, since these processes live a second or two and the C2 compiler's
 * warm-up costs more than it saves (javac on a 500-line file: about 3 s with C2, 1.5 s without, on 2 cores).
 */
export const FAST_START_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/** Runs `java`/`javac` (found on PATH) with arguments, never through a shell. */
export function runJdkTool(
  tool: 'java' | 'javac',
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<ProcessRun> {
  const flags = tool === 'javac' ? FAST_START_FLAGS.map((flag) => `-J${flag}`) : FAST_START_FLAGS;
  return new Promise((resolve, reject) => {
    // Options inherited through the environment would change what the JVM prints ("Picked up ...") and does.
    const env = { ...process.env };
    delete env['JAVA_TOOL_OPTIONS'];
    delete env['_JAVA_OPTIONS'];
    delete env['JDK_JAVA_OPTIONS'];
    const child = spawn(tool, [...flags, ...args], { cwd: options.cwd ?? '/', stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new JavaProcessError(`${tool} could not be started: ${error.message}`, { cause: error }));
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}
