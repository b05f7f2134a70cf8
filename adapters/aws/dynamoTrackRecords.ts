import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  RECENT_REJECTIONS_KEPT,
  type RejectionNote,
  type TrackOutcome,
  type TrackRecord,
  type TrackRecordStore,
} from '../../core/approve/approvalTypes.ts';
import { emptyTrackRecord, trackField } from '../../core/approve/trackRecords.ts';
import { CONTROL_KEYS, CONTROL_TTL_ATTRIBUTE } from '../../infra/cdk/lib/contract.ts';

/** 180 days: a rejection's reason stays readable for half a year, then DynamoDB's TTL removes it. */
const REJECTION_KEEP_SECONDS = 180 * 24 * 3600;
const REJECTION_PREFIX = 'rejection#';

const counter = z.number().int().min(0).catch(0);
const trackItem = z.object({ accepted: counter, rejected: counter, rolledBack: counter, verified: counter });
const rejectionItem = z.object({ healingId: z.string(), reason: z.string(), at: z.string() });

const pk = (ruleId: string) => `rule#${ruleId}`;

/**
 * Rules' track records in the control table (infra/cdk/lib/contract.ts CONTROL_KEYS): the counters are the item
 * (`rule#<ruleId>`, `track`), incremented with an atomic ADD so concurrent Lambdas never lose a count; a rejection's
 * reason is an item (`rule#<ruleId>`, `rejection#<at>#<healingId>`) put after the count, with a TTL.
 */
export class DynamoTrackRecords implements TrackRecordStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(ruleId: string): Promise<TrackRecord> {
    const [track, rejections] = await Promise.all([
      this.db.send(
        new GetCommand({
          TableName: this.table,
          Key: { [CONTROL_KEYS.partitionKey]: pk(ruleId), [CONTROL_KEYS.sortKey]: 'track' },
          ConsistentRead: true,
        }),
      ),
      this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': CONTROL_KEYS.partitionKey, '#sk': CONTROL_KEYS.sortKey },
          ExpressionAttributeValues: { ':pk': pk(ruleId), ':prefix': REJECTION_PREFIX },
          ScanIndexForward: false,
          Limit: RECENT_REJECTIONS_KEPT,
          ConsistentRead: true,
        }),
      ),
    ]);
    const record = track.Item ? { ruleId, ...trackItem.parse(track.Item) } : emptyTrackRecord(ruleId);
    const recent = (rejections.Items ?? []).map((item) => rejectionItem.parse(item));
    return recent.length > 0 ? { ...record, recentRejections: recent } : record;
  }

  async note(ruleId: string, outcome: TrackOutcome, context?: RejectionNote): Promise<void> {
    const increment = {
      TableName: this.table,
      Key: { [CONTROL_KEYS.partitionKey]: pk(ruleId), [CONTROL_KEYS.sortKey]: 'track' },
      UpdateExpression: 'ADD #field :one',
      ExpressionAttributeNames: { '#field': trackField(outcome) },
      ExpressionAttributeValues: { ':one': 1 },
    };
    await this.db.send(new UpdateCommand(increment));
    if (outcome !== 'rejected' || !context) return;
    // A separate put, not a transaction with the ADD: a transaction would fail with TransactionConflict whenever
    // another Lambda updates the counters at the same moment, and the count matters more than the reason.
    const expiresAt = Math.floor(Date.parse(context.at) / 1000) + REJECTION_KEEP_SECONDS;
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          [CONTROL_KEYS.partitionKey]: pk(ruleId),
          [CONTROL_KEYS.sortKey]: `${REJECTION_PREFIX}${context.at}#${context.healingId}`,
          healingId: context.healingId,
          reason: context.reason,
          at: context.at,
          ...(Number.isFinite(expiresAt) ? { [CONTROL_TTL_ATTRIBUTE]: expiresAt } : {}),
        },
      }),
    );
  }
}
