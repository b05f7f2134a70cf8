import * as grpc from '@grpc/grpc-js';
import { ENV } from '../../infra/cdk/lib/contract.ts';
import { loadProtos } from '../../services/shared/protoLoader.ts';
import type { PipelineTables } from '../pipeline/support/pipelineTables.ts';
import type { LocalCloud } from '../setup/localCloud.ts';
import { startServiceProcess } from './serviceProcess.ts';

/** The orchestrator running as a child process (so SIGTERM is real), and the JSON lines it logged. */
export interface OrchestratorProcess {
  readonly port: number;
  readonly address: string;
  /** The REST API's port (same process, same desk); key: ORCHESTRATOR_TEST_API_KEY. */
  readonly httpPort: number;
  readonly logs: Record<string, unknown>[];
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** The reviewer key the test orchestrator's REST API accepts (name `tester`). */
export const ORCHESTRATOR_TEST_API_KEY = 'orchestrator-test-key-0123456789';
const API_KEYS = JSON.stringify([{ name: 'tester', key: ORCHESTRATOR_TEST_API_KEY, roles: ['reviewer'] }]);

/**
 * The environment of an orchestrator on DynamoDB in `cloud` (moto): the SDK's endpoint and credentials, the contract
 * tables and the control table. No services table: that turns the delivery sweep on, which a test adds itself.
 */
export function dynamoOrchestratorEnv(
  cloud: LocalCloud,
  tables: PipelineTables,
  control: string,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: cloud.endpoint,
    AWS_REGION: cloud.region,
    AWS_ACCESS_KEY_ID: cloud.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: cloud.credentials.secretAccessKey,
    STORE: 'dynamodb',
    [ENV.healingsTable]: tables.healings,
    [ENV.occurrencesTable]: tables.occurrences,
    [ENV.processedTable]: tables.processed,
    [ENV.controlTable]: control,
  };
}

export async function startOrchestratorProcess(env: Record<string, string>): Promise<OrchestratorProcess> {
  const orchestrator = await startServiceProcess({
    entry: 'services/orchestrator/main.ts',
    name: 'orchestrator',
    servingMessage: 'orchestrator serving',
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      HOMEOSTASIS_API_PORT: '0',
      HOMEOSTASIS_API_KEYS: API_KEYS,
      ...env,
    },
  });
  const port = Number(orchestrator.serving['port']);
  return {
    port,
    httpPort: Number(orchestrator.serving['httpPort']),
    address: `127.0.0.1:${port}`,
    logs: orchestrator.logs,
    signal: orchestrator.signal,
    exited: orchestrator.exited,
  };
}

type Method = (this: grpc.Client, ...args: unknown[]) => unknown;

function methodOf(client: grpc.Client, method: string): Method {
  const fn = (client as unknown as Record<string, Method | undefined>)[method];
  if (!fn) throw new Error(`no method ${method}`);
  return fn;
}

/** A plain gRPC client of homeostasis.v1.Orchestrator, built from the loaded service definition. */
export function orchestratorClient(
  address: string,
): grpc.Client & Record<string, grpc.MethodDefinition<unknown, unknown>> {
  const Client = grpc.makeGenericClientConstructor(loadProtos().orchestrator, 'Orchestrator');
  return new Client(address, grpc.credentials.createInsecure()) as never;
}

/** Calls a unary method; the deadline is generous unless a test is about deadlines. */
export function call<T>(client: grpc.Client, method: string, request: unknown, deadlineMs = 15_000): Promise<T> {
  const fn = methodOf(client, method);
  return new Promise<T>((resolve, reject) => {
    fn.call(client, request, { deadline: Date.now() + deadlineMs }, (error: grpc.ServiceError | null, response: T) =>
      error ? reject(error) : resolve(response),
    );
  });
}

/** Reads a server stream to its end: the messages, and the status it ended with (OK or the error's). */
export function readStream(
  client: grpc.Client,
  method: string,
  request: unknown,
  options: { deadlineMs?: number; onMessage?: (message: Record<string, unknown>) => void } = {},
): { messages: Record<string, unknown>[]; done: Promise<{ code: grpc.status; details: string }>; cancel(): void } {
  const fn = methodOf(client, method);
  const stream = fn.call(client, request, {
    deadline: Date.now() + (options.deadlineMs ?? 60_000),
  }) as grpc.ClientReadableStream<Record<string, unknown>>;
  const messages: Record<string, unknown>[] = [];
  stream.on('data', (message: Record<string, unknown>) => {
    messages.push(message);
    options.onMessage?.(message);
  });
  const done = new Promise<{ code: grpc.status; details: string }>((resolve) => {
    stream.on('error', (error: grpc.ServiceError) => resolve({ code: error.code, details: error.details }));
    stream.on('status', (status: grpc.StatusObject) => {
      if (status.code === grpc.status.OK) resolve({ code: status.code, details: status.details });
    });
  });
  return { messages, done, cancel: () => stream.cancel() };
}
