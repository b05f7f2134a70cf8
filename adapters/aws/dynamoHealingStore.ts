import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { oldestKeptHour } from '../../core/pipeline/occurrenceHours.ts';
import { type OccurrenceTally, tallyOfOne } from '../../core/pipeline/occurrenceTally.ts';
import type { HealingState } from '../../core/workflow/healingStates.ts';
import {
  ConcurrentAppendError,
  type HealingStore,
  type HealingSummary,
  type OccurrenceRecord,
} from '../../core/workflow/healingStore.ts';
import type { HealingEvent } from '../../core/workflow/healingWorkflow.ts';
import { HEALINGS_BY_FINGERPRINT_INDEX, HEALINGS_BY_STATE_INDEX } from '../../infra/cdk/lib/contract.ts';
import { queryAll, scanAll } from './dynamoPaging.ts';

export interface DynamoHealingStoreTables {
  healings: string;
  occurrences: string;
}

type Meta = { fingerprint: string; service: string; category: string; state: HealingState };

/** Sort key of a healing's summary item: events start at 1, so 0 never collides. */
const SUMMARY_SEQ = 0;

/**
 * The healing store on DynamoDB. Events are items (healingId, seq >= 1); an append is a put conditional on its seq
 * being free, so of two writers of the same seq one gets ConcurrentAppendError. The seq-1 item carries
 * `fingerprint`, which feeds the sparse `byFingerprint` index (one entry per healing); a summary item (seq 0) holds
 * the state for listing and is the only item in the sparse `byState` index. No TransactWriteItems: moto rolls a failed transaction back by restoring a copy of the
 * whole table taken when it began, which loses other clients' concurrent writes (moto 5.2.1,
 * dynamodb/models/__init__.py transact_write_items); separate single-item writes are exact on both.
 */
export class DynamoHealingStore implements HealingStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tables: DynamoHealingStoreTables,
    /** The clock that decides which hourly buckets are still kept. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(event: HealingEvent, meta: Meta): Promise<void> {
    const first = event.seq === 1;
    // Events are never deleted, so "seq - 1 exists" once true stays true: checking it before the put is enough
    // to keep the log gap-free. The put's condition then settles who gets `seq`.
    if (!first && !(await this.hasEvent(event.healingId, event.seq - 1))) {
      throw new ConcurrentAppendError(`healing ${event.healingId} has no event ${event.seq - 1}`);
    }
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tables.healings,
          Item: {
            healingId: event.healingId,
            seq: event.seq,
            type: event.type,
            at: event.at,
            reason: event.reason,
            actor: event.actor,
            data: JSON.stringify(event.data),
            ...(first ? { fingerprint: meta.fingerprint, service: meta.service, category: meta.category } : {}),
          },
          ConditionExpression: 'attribute_not_exists(seq)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConcurrentAppendError(`healing ${event.healingId}: seq ${event.seq} was taken by another writer`);
      }
      throw error;
    }
    await this.project(event, meta);
  }

  /**
   * Moves the summary forward to this event unless a later one is already projected. A projection left behind by
   * a crash between the put and this update catches up with the next append; the events remain the truth.
   */
  private async project(event: HealingEvent, meta: Meta): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tables.healings,
          Key: { healingId: event.healingId, seq: SUMMARY_SEQ },
          UpdateExpression:
            'SET lastSeq = :seq, #state = :state, #service = :service, #category = :category, ' +
            'healingFingerprint = :fp, updatedAt = :at, createdAt = if_not_exists(createdAt, :at)',
          ConditionExpression: 'attribute_not_exists(lastSeq) OR lastSeq < :seq',
          ExpressionAttributeNames: { '#state': 'state', '#service': 'service', '#category': 'category' },
          ExpressionAttributeValues: {
            ':seq': event.seq,
            ':state': meta.state,
            ':service': meta.service,
            ':category': meta.category,
            ':fp': meta.fingerprint,
            ':at': event.at,
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private async hasEvent(healingId: string, seq: number): Promise<boolean> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tables.healings,
        Key: { healingId, seq },
        ProjectionExpression: 'seq',
        ConsistentRead: true,
      }),
    );
    return out.Item !== undefined;
  }

  async events(healingId: string): Promise<HealingEvent[]> {
    const items = await queryAll(this.db, {
      TableName: this.tables.healings,
      KeyConditionExpression: 'healingId = :id AND seq >= :one',
      ExpressionAttributeValues: { ':id': healingId, ':one': 1 },
      ConsistentRead: true,
    });
    return items.map((item) => ({
      healingId: String(item['healingId']),
      seq: Number(item['seq']),
      type: item['type'] as HealingEvent['type'],
      at: String(item['at']),
      reason: String(item['reason']),
      actor: String(item['actor']),
      data: JSON.parse(String(item['data'])) as Record<string, unknown>,
    }));
  }

  async list(filter: { state?: HealingState; fingerprint?: string; service?: string } = {}): Promise<HealingSummary[]> {
    let summaries: Record<string, unknown>[];
    if (filter.fingerprint) {
      const firsts = await queryAll(this.db, {
        TableName: this.tables.healings,
        IndexName: HEALINGS_BY_FINGERPRINT_INDEX.indexName,
        KeyConditionExpression: 'fingerprint = :fp',
        ExpressionAttributeValues: { ':fp': filter.fingerprint },
      });
      summaries = await this.summaries(firsts.map((i) => String(i['healingId'])));
    } else if (filter.state) {
      // The sweeps' question ("which healings await approval?"): one query of the sparse byState index. Index reads
      // are eventually consistent; a sweep that acts re-reads the healing's events, which are the truth.
      summaries = await queryAll(this.db, {
        TableName: this.tables.healings,
        IndexName: HEALINGS_BY_STATE_INDEX.indexName,
        KeyConditionExpression: '#state = :state',
        ExpressionAttributeNames: { '#state': HEALINGS_BY_STATE_INDEX.partitionKey },
        ExpressionAttributeValues: { ':state': filter.state },
        ScanIndexForward: false,
      });
    } else {
      // Every summary, and only summaries: the byState index holds one item per healing, none of the events.
      summaries = await scanAll(this.db, {
        TableName: this.tables.healings,
        IndexName: HEALINGS_BY_STATE_INDEX.indexName,
      });
    }
    return summaries
      .map(toSummary)
      .filter((s) => (!filter.state || s.state === filter.state) && (!filter.service || s.service === filter.service))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  }

  async recordOccurrence(fingerprint: string, at: string, parts: unknown, sample: unknown): Promise<OccurrenceRecord> {
    const now = this.now();
    const tally = tallyOfOne(fingerprint, at, parts, sample, now);
    return toOccurrence(await addOccurrenceTally(this.db, this.tables.occurrences, tally, now));
  }

  async occurrence(fingerprint: string): Promise<OccurrenceRecord | null> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tables.occurrences, Key: { fingerprint }, ConsistentRead: true }),
    );
    return out.Item ? toOccurrence(out.Item) : null;
  }

  async findOccurrences(prefix: string): Promise<OccurrenceRecord[]> {
    const items = await scanAll(this.db, {
      TableName: this.tables.occurrences,
      FilterExpression: 'begins_with(fingerprint, :p)',
      ExpressionAttributeValues: { ':p': prefix },
    });
    return items.map(toOccurrence).sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
  }

  private async summaries(ids: readonly string[]): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    // BatchGetItem takes at most 100 keys per call.
    for (let i = 0; i < ids.length; i += 100) {
      let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map((healingId) => ({ healingId, seq: SUMMARY_SEQ }));
      while (keys.length > 0) {
        const res = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tables.healings]: { Keys: keys, ConsistentRead: true } } }),
        );
        out.push(...(res.Responses?.[this.tables.healings] ?? []));
        keys = (res.UnprocessedKeys?.[this.tables.healings]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
    }
    return out;
  }
}

function toSummary(item: Record<string, unknown>): HealingSummary {
  return {
    id: String(item['healingId']),
    fingerprint: String(item['healingFingerprint']),
    service: String(item['service']),
    category: String(item['category']),
    state: item['state'] as HealingState,
    createdAt: String(item['createdAt']),
    updatedAt: String(item['updatedAt']),
  };
}

/** Hourly buckets are top-level number attributes `hourly:<yyyy-mm-ddThh>`: ADD works on top-level attributes only. */
const HOUR_ATTRIBUTE_PREFIX = 'hourly:';

/**
 * Adds a batch's occurrences of one fingerprint to its occurrence item in one UpdateItem (ADD is atomic, so
 * concurrent ingests add up exactly), and answers the whole item after the write (the claim lives on it too).
 * Hours that left the kept window are removed by a second update, about once per fingerprint per hour.
 */
export async function addOccurrenceTally(
  db: DynamoDBDocumentClient,
  table: string,
  tally: OccurrenceTally,
  now: Date,
): Promise<Record<string, unknown>> {
  const hours = Object.entries(tally.hourly);
  const names: Record<string, string> = { '#count': 'count', '#parts': 'parts', '#sample': 'sample' };
  const values: Record<string, unknown> = {
    ':n': tally.count,
    ':first': tally.firstAt,
    ':last': tally.lastAt,
    ':parts': JSON.stringify(tally.parts),
    ':sample': JSON.stringify(tally.sample),
  };
  const adds = ['#count :n'];
  hours.forEach(([hour, n], i) => {
    names[`#h${i}`] = `${HOUR_ATTRIBUTE_PREFIX}${hour}`;
    values[`:h${i}`] = n;
    adds.push(`#h${i} :h${i}`);
  });
  const out = await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { fingerprint: tally.fingerprint },
      UpdateExpression:
        `ADD ${adds.join(', ')} SET firstSeen = if_not_exists(firstSeen, :first), lastSeen = :last, ` +
        '#parts = if_not_exists(#parts, :parts), #sample = if_not_exists(#sample, :sample)',
      // COUNT and SAMPLE are DynamoDB reserved words.
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    }),
  );
  const item = { ...(out.Attributes ?? {}) };
  const oldest = oldestKeptHour(now);
  const stale = Object.keys(item).filter((k) => k.startsWith(HOUR_ATTRIBUTE_PREFIX) && hourOf(k) < oldest);
  if (stale.length > 0) {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { fingerprint: tally.fingerprint },
        UpdateExpression: `REMOVE ${stale.map((_, i) => `#r${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(stale.map((k, i) => [`#r${i}`, k])),
      }),
    );
    for (const k of stale) delete item[k];
  }
  return item;
}

function hourOf(attribute: string): string {
  return attribute.slice(HOUR_ATTRIBUTE_PREFIX.length);
}

export function toOccurrence(item: Record<string, unknown>): OccurrenceRecord {
  const hourly: Record<string, number> = {};
  for (const [k, v] of Object.entries(item)) {
    if (k.startsWith(HOUR_ATTRIBUTE_PREFIX)) hourly[hourOf(k)] = Number(v);
  }
  return {
    fingerprint: String(item['fingerprint']),
    count: Number(item['count'] ?? 0),
    firstSeen: String(item['firstSeen']),
    lastSeen: String(item['lastSeen']),
    parts: item['parts'] === undefined ? null : JSON.parse(String(item['parts'])),
    sample: item['sample'] === undefined ? null : JSON.parse(String(item['sample'])),
    hourly,
  };
}
