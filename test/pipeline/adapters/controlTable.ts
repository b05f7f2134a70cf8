import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CONTROL_KEYS } from '../../../infra/cdk/lib/contract.ts';

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
