import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ContextFields } from './sqsEvent.ts';

const WORKER = fileURLToPath(new URL('./functionWorker.ts', import.meta.url));

export interface FunctionCode {
  /** An ES module (a built bundle, or a TypeScript entry run through tsx). */
  modulePath: string;
  exportName: string;
}

export interface HostedFunction {
  name: string;
  arn: string;
  timeoutMs: number;
  memoryMb: number;
  /** The deployed environment variables (GetFunctionConfiguration), plus the emulator endpoint. */
  environment: Record<string, string>;
  code: FunctionCode;
}

export type InvokeResult =
  | { kind: 'ok'; response: unknown }
  | { kind: 'error'; message: string }
  | { kind: 'timeout' }
  | { kind: 'crashed'; message: string };

/** Variables of the machine a Lambda sandbox also has (PATH for git/npm, HOME for npm's cache). */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'NODE_EXTRA_CA_CERTS'];

/**
 * One warm "container" of a function: a child process that imports the code once and serves invocations one at a
 * time. An invocation that outlives the function timeout is killed with its process, as Lambda does; the next
 * invocation starts a fresh one (a cold start).
 */
export class FunctionHost {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: InvokeResult) => void>();
  private output = '';

  constructor(
    readonly fn: HostedFunction,
    private readonly onLog: (line: string) => void = () => {},
  ) {}

  async invoke(event: unknown): Promise<InvokeResult> {
    const child = this.ensureChild();
    const id = this.nextId++;
    const deadline = Date.now() + this.fn.timeoutMs;
    const context: ContextFields = {
      functionName: this.fn.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: this.fn.arn,
      memoryLimitInMB: String(this.fn.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${this.fn.name}`,
      logStreamName: `local/${child.pid}`,
      deadline,
    };
    const result = new Promise<InvokeResult>((resolve) => this.pending.set(id, resolve));
    const timer = setTimeout(() => {
      const resolve = this.pending.get(id);
      if (!resolve) return;
      this.pending.delete(id);
      resolve({ kind: 'timeout' });
      this.kill(); // the other invocations of this process (none: one at a time) end as crashed
    }, this.fn.timeoutMs);
    child.send({ id, event, context });
    const outcome = await result;
    clearTimeout(timer);
    return outcome;
  }

  async stop(): Promise<void> {
    this.kill();
    this.resolveAll({ kind: 'crashed', message: 'runtime stopped' });
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  private ensureChild(): ChildProcess {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return this.child;
    const env: Record<string, string> = {};
    for (const key of INHERITED) {
      const value = process.env[key];
      if (value !== undefined) env[key] = value;
    }
    Object.assign(env, this.fn.environment, {
      AWS_LAMBDA_FUNCTION_NAME: this.fn.name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(this.fn.memoryMb),
      AWS_LAMBDA_FUNCTION_TIMEOUT: String(Math.round(this.fn.timeoutMs / 1000)),
    });
    const child = fork(WORKER, [this.fn.code.modulePath, this.fn.code.exportName], {
      env,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group: a timeout kills the function and everything it started (npm, test runners).
      detached: true,
    });
    const forward = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      const lines = this.output.split('\n');
      this.output = lines.pop() ?? '';
      for (const line of lines) if (line) this.onLog(`[${this.fn.name}] ${line}`);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const resolve = this.pending.get(message.id);
      if (!resolve) return;
      this.pending.delete(message.id);
      resolve(message.ok ? { kind: 'ok', response: message.result } : { kind: 'error', message: message.error ?? '' });
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      this.resolveAll({ kind: 'crashed', message: `function process exited (${signal ?? code})` });
    });
    this.child = child;
    return child;
  }

  private kill(): void {
    const child = this.child;
    this.child = null;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }

  private resolveAll(result: InvokeResult): void {
    for (const [id, resolve] of this.pending) {
      this.pending.delete(id);
      resolve(result);
    }
  }
}
