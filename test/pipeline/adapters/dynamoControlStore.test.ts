import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { DynamoControlStore } from '../../../adapters/aws/dynamoControlStore.ts';
import { type LocalCloud, startLocalCloud } from '../../setup/localCloud.ts';
import { describeControlStore } from './controlStoreSuite.ts';
import { createControlTable } from './controlTable.ts';

let cloud: LocalCloud;
const clients: DynamoDBClient[] = [];
let tables = 0;

beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await cloud?.stop();
});

function client(): DynamoDBClient {
  const made = new DynamoDBClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: cloud.credentials });
  clients.push(made);
  return made;
}

// One SDK client per handle: separate connections, as separate Lambdas would have.
describeControlStore('DynamoControlStore on moto', async (handles) => {
  const table = await createControlTable(client(), `control-${tables++}`);
  return Array.from({ length: handles }, () => new DynamoControlStore(DynamoDBDocumentClient.from(client()), table));
});
