import { LambdaClient, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { CodeResolver } from './codeResolvers.ts';
import { type DeployedFunction, discoverFunctions, type QueueMapping } from './deployedFunctions.ts';
import { FunctionHost } from './functionHost.ts';
import { type InvocationRecord, type PollerOptions, QueuePoller } from './queuePoller.ts';

export interface LocalRuntimeOptions {
  endpoint: string;
  region: string;
  resolveCode: CodeResolver;
  /** Override a function's deployed timeout (ms), e.g. to exercise the timeout path quickly. */
  timeoutMsFor?: (fn: DeployedFunction) => number | undefined;
  /**
   * Pollers (warm function processes) per mapping, instead of the mapping's maximum concurrency (1 when unset).
   * Lambda scales an unbounded SQS mapping out by itself; a benchmark on one machine picks a fixed number.
   */
  concurrencyFor?: (fn: DeployedFunction, mapping: QueueMapping) => number | undefined;
  failedVisibilitySeconds?: number;
  onLog?: (line: string) => void;
}

export interface LocalRuntime {
  functions: DeployedFunction[];
  /** Functions found but not run (no code for them, or no enabled SQS mapping). */
  skipped: string[];
  invocations(): InvocationRecord[];
  /** PIDs of the function processes currently alive. */
  pids(): number[];
  stop(): Promise<void>;
}

/**
 * Runs the deployed functions of an emulator that cannot invoke them (moto without Docker): for every SQS event
 * source mapping, as many pollers as its maximum concurrency, each with its own warm function process.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const client = { endpoint: options.endpoint, region: options.region, credentials };
  const lambda = new LambdaClient(client);
  // Emulators return queue URLs with AWS host names; requests must still go to the emulator.
  const sqs = new SQSClient({ ...client, useQueueUrlAsEndpoint: false });
  const functions = await discoverFunctions(lambda, sqs);
  const takenOver: string[] = [];
  const hosts: FunctionHost[] = [];
  const pollers: QueuePoller[] = [];
  const skipped: string[] = [];
  const pollerOptions: PollerOptions = {
    region: options.region,
    ...(options.failedVisibilitySeconds !== undefined
      ? { failedVisibilitySeconds: options.failedVisibilitySeconds }
      : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  };
  for (const fn of functions) {
    const code = options.resolveCode(fn);
    const mappings = fn.mappings.filter((m) => m.enabled);
    if (!code || mappings.length === 0) {
      skipped.push(fn.name);
      continue;
    }
    const environment = {
      ...fn.environment,
      AWS_ENDPOINT_URL: options.endpoint,
      AWS_ENDPOINT_URL_S3: options.endpoint,
      AWS_REGION: options.region,
      AWS_DEFAULT_REGION: options.region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    };
    const timeoutMs = options.timeoutMsFor?.(fn) ?? fn.timeoutMs;
    for (const mapping of mappings) {
      await takeOver(lambda, mapping.uuid, false);
      takenOver.push(mapping.uuid);
      const concurrency = options.concurrencyFor?.(fn, mapping) ?? mapping.maxConcurrency;
      for (let i = 0; i < concurrency; i++) {
        const host = new FunctionHost(
          { name: fn.name, arn: fn.arn, timeoutMs, memoryMb: fn.memoryMb, environment, code },
          options.onLog,
        );
        hosts.push(host);
        const poller = new QueuePoller(sqs, host, mapping, pollerOptions);
        pollers.push(poller);
        poller.start();
      }
    }
  }
  return {
    functions,
    skipped,
    invocations: () => pollers.flatMap((p) => p.invocations),
    pids: () => hosts.map((h) => h.pid).filter((p): p is number => p !== null),
    stop: async () => {
      await Promise.all(pollers.map((p) => p.stop()));
      await Promise.all(hosts.map((h) => h.stop()));
      for (const uuid of takenOver) await takeOver(lambda, uuid, true);
      lambda.destroy();
      sqs.destroy();
    },
  };
}

/**
 * moto runs an enabled SQS mapping itself on every SendMessage: it receives the batch (raising each message's
 * receive count), fails to invoke without Docker and makes the messages visible again, which would spend the
 * redrive budget of messages this runtime never saw. The runtime therefore disables the mappings it serves while
 * it runs (moto then leaves the queue alone) and enables them again on stop. Their configuration was read first.
 */
async function takeOver(lambda: LambdaClient, uuid: string, enabled: boolean): Promise<void> {
  await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: enabled }));
}
