import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Idempotency } from '../../core/pipeline/pipelinePorts.ts';
import { PROCESSED_KEYS, PROCESSED_TTL_ATTRIBUTE } from '../../infra/cdk/lib/contract.ts';

/** 14 days: the longest SQS message retention, so a key outlives every redelivery of its message. */
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 14 * 24 * 3600;

/**
 * Idempotency records in the processed table: a conditional put of `key` with a TTL. DynamoDB deletes expired
 * items up to days late, so `seen` ignores an item whose `expiresAt` has passed.
 */
export class DynamoIdempotency implements Idempotency {
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

  private epochSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}
