import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueMapping } from './deployedFunctions.ts';
import type { FunctionHost } from './functionHost.ts';
import { failedMessageIds, sqsEventOf } from './sqsEvent.ts';

export interface PollerOptions {
  region: string;
  /**
   * Make failed records visible again after this many seconds instead of the queue's visibility timeout (which the
   * stack sets to 6x the function timeout: minutes). Test speed only; the redrive count works the same.
   */
  failedVisibilitySeconds?: number;
  /** Long-poll wait per receive; short so that stop() returns quickly. */
  waitSeconds?: number;
  onLog?: (line: string) => void;
}

export interface InvocationRecord {
  functionName: string;
  messages: number;
  outcome: 'ok' | 'error' | 'timeout' | 'crashed';
  failed: number;
  durationMs: number;
}

/** SQS batch APIs take at most 10 entries. */
const SQS_BATCH = 10;

/**
 * The Lambda poller's contract for one event source mapping: long-poll the queue, wait up to the batching window
 * for a full batch, invoke the function with the batch, delete what succeeded, and leave the reported
 * batchItemFailures (or the whole batch, when the invocation failed or timed out) to reappear, so the queue's
 * RedrivePolicy moves them to the DLQ after maxReceiveCount.
 */
export class QueuePoller {
  private running = false;
  private loop: Promise<void> | null = null;
  private abort = new AbortController();
  readonly invocations: InvocationRecord[] = [];

  constructor(
    private readonly sqs: SQSClient,
    private readonly host: FunctionHost,
    private readonly mapping: QueueMapping,
    private readonly options: PollerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const batch = await this.receiveBatch();
        if (batch.length > 0) await this.invoke(batch);
      } catch (error) {
        if (!this.running) return;
        this.options.onLog?.(`[poller ${this.host.fn.name}] ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async receiveBatch(): Promise<Message[]> {
    const size = Math.min(this.mapping.batchSize, SQS_BATCH);
    const first = await this.receive(size, this.options.waitSeconds ?? 1);
    if (first.length === 0 || first.length >= size || this.mapping.batchingWindowSeconds === 0) return first;
    const batch = [...first];
    const until = Date.now() + this.mapping.batchingWindowSeconds * 1000;
    while (batch.length < size && Date.now() < until && this.running) {
      const wait = Math.min(20, Math.max(0, Math.floor((until - Date.now()) / 1000)));
      const more = await this.receive(size - batch.length, wait);
      batch.push(...more);
      if (more.length === 0 && wait === 0) await new Promise((r) => setTimeout(r, 100));
    }
    return batch;
  }

  private async receive(max: number, waitSeconds: number): Promise<Message[]> {
    const out = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.mapping.queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: this.abort.signal },
    );
    return out.Messages ?? [];
  }

  private async invoke(batch: Message[]): Promise<void> {
    const started = Date.now();
    const event = sqsEventOf(batch, {
      url: this.mapping.queueUrl,
      arn: this.mapping.queueArn,
      region: this.options.region,
    });
    const result = await this.host.invoke(event);
    let failed: Set<string>;
    if (result.kind === 'ok') {
      failed = this.mapping.reportBatchItemFailures ? failedMessageIds(result.response) : new Set();
    } else {
      failed = new Set(batch.map((m) => m.MessageId ?? ''));
      this.options.onLog?.(
        `[poller ${this.host.fn.name}] invocation ${result.kind}${'message' in result ? `: ${result.message}` : ''}`,
      );
    }
    const succeeded = batch.filter((m) => !failed.has(m.MessageId ?? ''));
    const retried = batch.filter((m) => failed.has(m.MessageId ?? ''));
    for (let i = 0; i < succeeded.length; i += SQS_BATCH) {
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.mapping.queueUrl,
          Entries: succeeded.slice(i, i + SQS_BATCH).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    const delay = this.options.failedVisibilitySeconds;
    if (delay !== undefined) {
      for (let i = 0; i < retried.length; i += SQS_BATCH) {
        await this.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: this.mapping.queueUrl,
            Entries: retried.slice(i, i + SQS_BATCH).map((m, j) => ({
              Id: String(j),
              ReceiptHandle: m.ReceiptHandle,
              VisibilityTimeout: delay,
            })),
          }),
        );
      }
    }
    this.invocations.push({
      functionName: this.host.fn.name,
      messages: batch.length,
      outcome: result.kind,
      failed: retried.length,
      durationMs: Date.now() - started,
    });
  }
}
