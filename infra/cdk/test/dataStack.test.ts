import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONTROL_KEYS,
  CONTROL_TTL_ATTRIBUTE,
  HEALINGS_BY_FINGERPRINT_INDEX,
  HEALINGS_BY_STATE_INDEX,
  HEALINGS_KEYS,
  OCCURRENCES_KEYS,
  OUTPUT_KEYS,
  PROCESSED_KEYS,
  PROCESSED_TTL_ATTRIBUTE,
  SERVICES_KEYS,
} from '../lib/contract.ts';
import { resourcesOfType, synthStacks } from './synthStacks.ts';

let data: Template;
let prodData: Template;
beforeAll(() => {
  // The data stack is the same with or without the services stacks (stageVariants.test.ts checks it).
  data = synthStacks('dev', false, { withServices: false }).data;
  prodData = synthStacks('prod', false, { withServices: false }).data;
});

describe('DataStack', () => {
  it('creates five on-demand tables with point-in-time recovery and KMS encryption', () => {
    data.resourceCountIs('AWS::DynamoDB::Table', 5);
    data.allResourcesProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('keys the tables as the contract says', () => {
    const keySchemas = Object.values(resourcesOfType(data, 'AWS::DynamoDB::Table')).map((r) =>
      JSON.stringify(r.Properties['KeySchema']),
    );
    const hash = (name: string) => ({ AttributeName: name, KeyType: 'HASH' });
    expect(keySchemas.sort()).toEqual(
      [
        [hash(HEALINGS_KEYS.partitionKey), { AttributeName: HEALINGS_KEYS.sortKey, KeyType: 'RANGE' }],
        [hash(OCCURRENCES_KEYS.partitionKey)],
        [hash(SERVICES_KEYS.partitionKey)],
        [hash(PROCESSED_KEYS.partitionKey)],
        [hash(CONTROL_KEYS.partitionKey), { AttributeName: CONTROL_KEYS.sortKey, KeyType: 'RANGE' }],
      ]
        .map((schema) => JSON.stringify(schema))
        .sort(),
    );
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: HEALINGS_BY_FINGERPRINT_INDEX.indexName,
          KeySchema: [
            { AttributeName: HEALINGS_BY_FINGERPRINT_INDEX.partitionKey, KeyType: 'HASH' },
            { AttributeName: HEALINGS_BY_FINGERPRINT_INDEX.sortKey, KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: HEALINGS_BY_STATE_INDEX.indexName,
          KeySchema: [
            { AttributeName: HEALINGS_BY_STATE_INDEX.partitionKey, KeyType: 'HASH' },
            { AttributeName: HEALINGS_BY_STATE_INDEX.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }),
      ],
    });
  });

  it('expires idempotency records and limit counters through TTL, nothing else', () => {
    const withTtl = Object.values(resourcesOfType(data, 'AWS::DynamoDB::Table'))
      .filter((r) => r.Properties['TimeToLiveSpecification'])
      .map((r) => ({ keys: r.Properties['KeySchema'], ttl: r.Properties['TimeToLiveSpecification'] }));
    expect(withTtl).toEqual([
      {
        keys: [{ AttributeName: PROCESSED_KEYS.partitionKey, KeyType: 'HASH' }],
        ttl: { AttributeName: PROCESSED_TTL_ATTRIBUTE, Enabled: true },
      },
      {
        keys: [
          { AttributeName: CONTROL_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: CONTROL_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        ttl: { AttributeName: CONTROL_TTL_ATTRIBUTE, Enabled: true },
      },
    ]);
  });

  it('types the control table keys as strings (pk `rate#…`, sk)', () => {
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: CONTROL_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: CONTROL_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: CONTROL_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: CONTROL_KEYS.sortKey, AttributeType: 'S' },
      ],
    });
  });

  it('encrypts the source bucket, blocks public access and denies plain HTTP', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('deletes state with a dev stack but retains it with a prod stack', () => {
    for (const resource of Object.values(data.findResources('AWS::DynamoDB::Table'))) {
      expect(resource['DeletionPolicy']).toBe('Delete');
    }
    for (const resource of Object.values(prodData.findResources('AWS::DynamoDB::Table'))) {
      expect(resource['DeletionPolicy']).toBe('Retain');
    }
    for (const resource of Object.values(prodData.findResources('AWS::S3::Bucket'))) {
      expect(resource['DeletionPolicy']).toBe('Retain');
    }
  });

  it('outputs the table names and the bucket', () => {
    for (const key of [
      OUTPUT_KEYS.healingsTable,
      OUTPUT_KEYS.occurrencesTable,
      OUTPUT_KEYS.servicesTable,
      OUTPUT_KEYS.processedTable,
      OUTPUT_KEYS.controlTable,
      OUTPUT_KEYS.sourceBucket,
    ]) {
      data.hasOutput(key, {});
    }
  });
});
