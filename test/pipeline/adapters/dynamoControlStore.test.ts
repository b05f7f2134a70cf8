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

// One SDK client per handle: separate connections, as separate Lambdas would have. moto 5 serves requests on threads
// without locking an item across a conditional UpdateItem (parallel ADDs were seen to lose a count under load), so the
// callers take turns here; DynamoDB itself applies a conditional update atomically, which SQLite's suite run checks
// in parallel for the SQLite store.
describeControlStore(
  'DynamoControlStore on moto',
  async (handles) => {
    const table = await createControlTable(client(), `control-${tables++}`);
    return Array.from({ length: handles }, () => new DynamoControlStore(DynamoDBDocumentClient.from(client()), table));
  },
  { concurrentBackend: false },
);
