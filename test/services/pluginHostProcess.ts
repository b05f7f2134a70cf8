import { startServiceProcess } from './serviceProcess.ts';

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

export async function startPluginHostProcess(env: Record<string, string>): Promise<PluginHostProcess> {
  const host = await startServiceProcess({
    entry: 'services/plugin-host/main.ts',
    name: 'plugin host',
    servingMessage: 'plugin host serving',
    env: { HOST: '127.0.0.1', PORT: '0', ...env },
  });
  const port = Number(host.serving['port']);
  return { ...host, port, address: `127.0.0.1:${port}` };
}
