import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { type ControlStore, hourKey, type KillSwitchState, type RateKind } from '../../core/limits/controlStore.ts';
import { CONTROL_KEYS, CONTROL_TTL_ATTRIBUTE } from '../../infra/cdk/lib/contract.ts';

/** Counters outlive their hour by two days (for the dashboard), then DynamoDB's TTL removes them. */
const KEEP_SECONDS = 48 * 3600;

const KILL_SWITCH_KEY = { [CONTROL_KEYS.partitionKey]: 'control', [CONTROL_KEYS.sortKey]: 'kill-switch' };

const killSwitchItem = z.object({ on: z.boolean(), by: z.string(), at: z.string(), reason: z.string() });

function rateKey(kind: RateKind, at: Date) {
  return { [CONTROL_KEYS.partitionKey]: `rate#${kind}#${hourKey(at)}`, [CONTROL_KEYS.sortKey]: 'count' };
}

/**
 * The control table (infra/cdk/lib/contract.ts CONTROL_KEYS): the kill switch is the item (`control`,
 * `kill-switch`); the counter of a kind and hour is (`rate#<kind>#<yyyymmddhh>`, `count`). `take` is a conditional
 * ADD that only succeeds below the maximum, so any number of concurrent Lambdas never count past it.
 */
export class DynamoControlStore implements ControlStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async killSwitch(): Promise<KillSwitchState | null> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: KILL_SWITCH_KEY, ConsistentRead: true }),
    );
    if (!out.Item) return null;
    const { on, by, at, reason } = killSwitchItem.parse(out.Item);
    return { on, by, at, reason };
  }

  async setKillSwitch(on: boolean, by: string, reason: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...KILL_SWITCH_KEY, on, by, at: this.now().toISOString(), reason },
      }),
    );
  }

  async take(kind: RateKind, at: Date, max: number): Promise<boolean> {
    if (max <= 0) return false;
    const hourEnd = Math.floor(at.getTime() / 3_600_000 + 1) * 3600;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: rateKey(kind, at),
          UpdateExpression: 'ADD #c :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#c) OR #c < :max',
          ExpressionAttributeNames: { '#c': 'count', '#ttl': CONTROL_TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': hourEnd + KEEP_SECONDS },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async count(kind: RateKind, at: Date): Promise<number> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: rateKey(kind, at), ConsistentRead: true }),
    );
    const value = out.Item?.['count'];
    return typeof value === 'number' ? value : 0;
  }
}
