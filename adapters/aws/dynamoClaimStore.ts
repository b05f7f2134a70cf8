import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HealingClaim } from '../../core/pipeline/healingStart.ts';
import type { OccurrenceTally } from '../../core/pipeline/occurrenceTally.ts';
import type { ClaimStore, OccurrenceCounter } from '../../core/pipeline/pipelinePorts.ts';
import type { OccurrenceRecord } from '../../core/workflow/healingStore.ts';
import { addOccurrenceTally, toOccurrence } from './dynamoHealingStore.ts';

/**
 * The claim on a fingerprint's healing lives on its occurrence item (`openHealingId`, `claimedAt`,
 * `cooldownUntil`). Claiming is a conditional update that expects the claim the caller decided on, so of two
 * concurrent ingests exactly one moves it. Counting a batch's occurrences updates the same item and returns it,
 * so ingest gets the count and the claim in one round trip.
 */
export class DynamoClaimStore implements ClaimStore, OccurrenceCounter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly occurrencesTable: string,
  ) {}

  async claimOf(fingerprint: string): Promise<HealingClaim> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.occurrencesTable, Key: { fingerprint }, ConsistentRead: true }),
    );
    return toClaim(out.Item ?? {});
  }

  async add(tally: OccurrenceTally, now: Date): Promise<{ occurrence: OccurrenceRecord; claim: HealingClaim }> {
    const item = await addOccurrenceTally(this.db, this.occurrencesTable, tally, now);
    return { occurrence: toOccurrence(item), claim: toClaim(item) };
  }

  async claim(fingerprint: string, expected: string | null, healingId: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.occurrencesTable,
          Key: { fingerprint },
          UpdateExpression: 'SET openHealingId = :id, claimedAt = :at',
          ConditionExpression: expected === null ? 'attribute_not_exists(openHealingId)' : 'openHealingId = :expected',
          ExpressionAttributeValues: {
            ':id': healingId,
            ':at': at,
            ...(expected === null ? {} : { ':expected': expected }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function toClaim(item: Record<string, unknown>): HealingClaim {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    openHealingId: text(item['openHealingId']),
    claimedAt: text(item['claimedAt']),
    cooldownUntil: text(item['cooldownUntil']),
  };
}
