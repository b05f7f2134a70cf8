import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoTrackRecords } from '../../../adapters/aws/dynamoTrackRecords.ts';
import { describeTrackRecordStore } from '../../../core/approve/testing/trackRecordSuite.ts';
import { useMotoControlTables } from './controlTable.ts';

const moto = useMotoControlTables('track');

// One SDK client per handle: separate connections, as separate Lambdas would have. Notes go one at a time: moto
// 5.2.1 serves requests on threads with no lock around UpdateItem, and under load it lost 1 of 10 parallel ADDs
// here (seen 2026-11-25). That ADD is atomic is DynamoDB's guarantee, which moto cannot show.
describeTrackRecordStore(
  'DynamoTrackRecords on moto',
  async (handles) => {
    const table = await moto.freshTable();
    return Array.from(
      { length: handles },
      () => new DynamoTrackRecords(DynamoDBDocumentClient.from(moto.client()), table),
    );
  },
  { parallel: false },
);

describe('DynamoTrackRecords item layout', () => {
  it('keeps the counters in (rule#<ruleId>, track) and a rejection with a TTL', async () => {
    const table = await moto.freshTable();
    const db = DynamoDBDocumentClient.from(moto.client());
    const store = new DynamoTrackRecords(db, table);
    await store.note('js-null-read', 'accepted');
    await store.note('js-null-read', 'rejected', { healingId: 'h1', reason: 'hides it', at: '2026-01-01T00:00:00Z' });
    const track = await db.send(new GetCommand({ TableName: table, Key: { pk: 'rule#js-null-read', sk: 'track' } }));
    expect(track.Item).toEqual({ pk: 'rule#js-null-read', sk: 'track', accepted: 1, rejected: 1 });
    const rejection = await db.send(
      new GetCommand({
        TableName: table,
        Key: { pk: 'rule#js-null-read', sk: 'rejection#2026-01-01T00:00:00Z#h1' },
      }),
    );
    expect(rejection.Item).toMatchObject({ reason: 'hides it', expiresAt: 1767225600 + 180 * 24 * 3600 });
  });
});
