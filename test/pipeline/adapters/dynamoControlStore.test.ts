import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoControlStore } from '../../../adapters/aws/dynamoControlStore.ts';
import { describeControlStore } from './controlStoreSuite.ts';
import { useMotoControlTables } from './controlTable.ts';

const moto = useMotoControlTables('control');

// One SDK client per handle: separate connections, as separate Lambdas would have. moto 5 serves requests on threads
// without locking an item across a conditional UpdateItem (parallel ADDs were seen to lose a count under load), so the
// callers take turns here; DynamoDB itself applies a conditional update atomically, which SQLite's suite run checks
// in parallel for the SQLite store.
describeControlStore(
  'DynamoControlStore on moto',
  async (handles) => {
    const table = await moto.freshTable();
    return Array.from(
      { length: handles },
      () => new DynamoControlStore(DynamoDBDocumentClient.from(moto.client()), table),
    );
  },
  { concurrentBackend: false },
);
