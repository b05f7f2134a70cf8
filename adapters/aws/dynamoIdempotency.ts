import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type { BatchIdempotency } from '../../core/pipeline/pipelinePorts.ts';
import { PROCESSED_KEYS, PROCESSED_TTL_ATTRIBUTE } from '../../infra/cdk/lib/contract.ts';

/** 14 days: the longest SQS message retention, so a key outlives every redelivery of its message. */
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 14 * 24 * 3600;

/** DynamoDB's limits per call: BatchGetItem 100 keys, BatchWriteItem 25 requests. */
const GET_CHUNK = 100;
const WRITE_CHUNK = 25;
/** Unprocessed keys (throttling) are retried with backoff 20, 40, ... 1,280 ms: ~2.5 s in all, then it fails. */
const UNPROCESSED_ATTEMPTS = 8;
const UNPROCESSED_BACKOFF_MS = 20;

export class IdempotencyError extends Error {
  override name = 'IdempotencyError';
}

/**
 * Idempotency records in the processed table: a conditional put of `key` with a TTL. DynamoDB deletes expired
 * items up to days late, so `seen` ignores an item whose `expiresAt` has passed.
 */
export class DynamoIdempotency implements BatchIdempotency {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly ttlSeconds = DEFAULT_IDEMPOTENCY_TTL_SECONDS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async seen(key: string): Promise<boolean> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { [PROCESSED_KEYS.partitionKey]: key }, ConsistentRead: true }),
    );
    const expiresAt = out.Item?.[PROCESSED_TTL_ATTRIBUTE];
    return out.Item !== undefined && (typeof expiresAt !== 'number' || expiresAt > this.epochSeconds());
  }

  async mark(key: string): Promise<boolean> {
    const nowSeconds = this.epochSeconds();
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { [PROCESSED_KEYS.partitionKey]: key, [PROCESSED_TTL_ATTRIBUTE]: nowSeconds + this.ttlSeconds },
          // An expired record that TTL has not deleted yet may be overwritten.
          ConditionExpression: 'attribute_not_exists(#key) OR #ttl < :now',
          ExpressionAttributeNames: { '#key': PROCESSED_KEYS.partitionKey, '#ttl': PROCESSED_TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** One BatchGetItem (consistent) per 100 keys. */
  async seenMany(keys: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(keys)];
    const nowSeconds = this.epochSeconds();
    const seen = new Set<string>();
    for (let i = 0; i < unique.length; i += GET_CHUNK) {
      let pending: Record<string, unknown>[] = unique
        .slice(i, i + GET_CHUNK)
        .map((key) => ({ [PROCESSED_KEYS.partitionKey]: key }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await this.backoff(attempt, pending.length);
        const out = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.table] ?? []) {
          const expiresAt = item[PROCESSED_TTL_ATTRIBUTE];
          if (typeof expiresAt !== 'number' || expiresAt > nowSeconds) {
            seen.add(String(item[PROCESSED_KEYS.partitionKey]));
          }
        }
        pending = (out.UnprocessedKeys?.[this.table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
    }
    return seen;
  }

  /**
   * One BatchWriteItem per 25 keys. Unconditional: BatchWriteItem takes no conditions, and none is needed here;
   * rewriting a record only renews its TTL (`mark` stays the conditional "who was first" write).
   */
  async markMany(keys: readonly string[]): Promise<void> {
    const unique = [...new Set(keys)];
    const expiresAt = this.epochSeconds() + this.ttlSeconds;
    for (let i = 0; i < unique.length; i += WRITE_CHUNK) {
      let pending: Record<string, unknown>[] = unique.slice(i, i + WRITE_CHUNK).map((key) => ({
        PutRequest: { Item: { [PROCESSED_KEYS.partitionKey]: key, [PROCESSED_TTL_ATTRIBUTE]: expiresAt } },
      }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await this.backoff(attempt, pending.length);
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = (out.UnprocessedItems?.[this.table] as Record<string, unknown>[] | undefined) ?? [];
      }
    }
  }

  private async backoff(attempt: number, left: number): Promise<void> {
    if (attempt >= UNPROCESSED_ATTEMPTS) {
      throw new IdempotencyError(`${left} idempotency keys still unprocessed after ${attempt} attempts`);
    }
    await sleep(UNPROCESSED_BACKOFF_MS * 2 ** (attempt - 1));
  }

  private epochSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}
