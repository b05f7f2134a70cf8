import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { CONTROL_KEYS } from '../../../infra/cdk/lib/contract.ts';
import { type LocalCloud, startLocalCloud } from '../../setup/localCloud.ts';

/** A control table with the contract's keys (infra/cdk/lib/contract.ts), as the data stack creates it. */
export async function createControlTable(db: DynamoDBClient, name: string): Promise<string> {
  await db.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: CONTROL_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: CONTROL_KEYS.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: CONTROL_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: CONTROL_KEYS.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
  return name;
}

/**
 * A moto server for the test file (started before its tests, stopped after) and fresh control tables on it, each
 * handle with its own SDK client: separate connections, as separate Lambdas would have.
 */
export function useMotoControlTables(prefix: string): {
  freshTable(): Promise<string>;
  client(): DynamoDBClient;
} {
  let cloud: LocalCloud;
  const clients: DynamoDBClient[] = [];
  let tables = 0;
  beforeAll(async () => {
    cloud = await startLocalCloud();
  });
  afterAll(async () => {
    for (const made of clients) made.destroy();
    await cloud?.stop();
  });
  const client = () => {
    const made = new DynamoDBClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: cloud.credentials });
    clients.push(made);
    return made;
  };
  return { client, freshTable: () => createControlTable(client(), `${prefix}-${tables++}`) };
}
