import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  HEALINGS_BY_FINGERPRINT_INDEX,
  HEALINGS_BY_STATE_INDEX,
  HEALINGS_KEYS,
  OCCURRENCES_KEYS,
  PROCESSED_KEYS,
  SERVICES_KEYS,
} from '../../../infra/cdk/lib/contract.ts';

export interface PipelineTables {
  healings: string;
  occurrences: string;
  services: string;
  processed: string;
}

/** The four tables with the key schemas of the contract (the same ones infra/cdk/lib/dataStack.ts creates). */
export async function createPipelineTables(endpoint: string, prefix: string): Promise<PipelineTables> {
  const db = new DynamoDBClient({ endpoint, region: 'us-east-1' });
  const names: PipelineTables = {
    healings: `${prefix}-healings`,
    occurrences: `${prefix}-occurrences`,
    services: `${prefix}-services`,
    processed: `${prefix}-processed`,
  };
  await db.send(
    new CreateTableCommand({
      TableName: names.healings,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: HEALINGS_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: HEALINGS_KEYS.sortKey, AttributeType: 'N' },
        { AttributeName: HEALINGS_BY_FINGERPRINT_INDEX.partitionKey, AttributeType: 'S' },
        { AttributeName: HEALINGS_BY_STATE_INDEX.partitionKey, AttributeType: 'S' },
        { AttributeName: HEALINGS_BY_STATE_INDEX.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: HEALINGS_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: HEALINGS_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: HEALINGS_BY_FINGERPRINT_INDEX.indexName,
          KeySchema: [
            { AttributeName: HEALINGS_BY_FINGERPRINT_INDEX.partitionKey, KeyType: 'HASH' },
            { AttributeName: HEALINGS_BY_FINGERPRINT_INDEX.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: HEALINGS_BY_STATE_INDEX.indexName,
          KeySchema: [
            { AttributeName: HEALINGS_BY_STATE_INDEX.partitionKey, KeyType: 'HASH' },
            { AttributeName: HEALINGS_BY_STATE_INDEX.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  const simple = async (table: string, key: string) =>
    db.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
      }),
    );
  await simple(names.occurrences, OCCURRENCES_KEYS.partitionKey);
  await simple(names.services, SERVICES_KEYS.partitionKey);
  await simple(names.processed, PROCESSED_KEYS.partitionKey);
  db.destroy();
  return names;
}
