import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import {
  CONTROL_KEYS,
  CONTROL_TTL_ATTRIBUTE,
  ENV,
  HEALINGS_BY_FINGERPRINT_INDEX,
  HEALINGS_BY_STATE_INDEX,
  HEALINGS_KEYS,
  OCCURRENCES_KEYS,
  OUTPUT_KEYS,
  PROCESSED_KEYS,
  PROCESSED_TTL_ATTRIBUTE,
  SERVICES_KEYS,
} from './contract.ts';

export interface DataStackProps extends StackProps {
  /** What happens to the tables and the bucket when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Deny non-TLS requests to the bucket with a bucket policy. Off only for a local emulator that cannot create
   * bucket policies. @default true
   */
  readonly enforceSsl?: boolean;
}

/** The state the stage functions and the services read and write: what the data stack owns. */
export interface HomeostasisData {
  readonly healings: ITable;
  readonly occurrences: ITable;
  readonly services: ITable;
  readonly processed: ITable;
  readonly control: ITable;
  readonly sourceBucket: IBucket;
}

/** The variables that name the data to a stage function or a service (functions/shared/config.ts reads them). */
export function dataEnvironment(data: HomeostasisData): Record<string, string> {
  return {
    [ENV.healingsTable]: data.healings.tableName,
    [ENV.occurrencesTable]: data.occurrences.tableName,
    [ENV.servicesTable]: data.services.tableName,
    [ENV.processedTable]: data.processed.tableName,
    [ENV.controlTable]: data.control.tableName,
    [ENV.sourceBucket]: data.sourceBucket.bucketName,
  };
}

/** The pipeline's state: five on-demand tables and the bucket of source tarballs. */
export class DataStack extends Stack implements HomeostasisData {
  readonly healings: ITable;
  readonly occurrences: ITable;
  readonly services: ITable;
  readonly processed: ITable;
  /** Kill switch, per-hour limit counters (expire through TTL), rules' track records. */
  readonly control: ITable;
  readonly sourceBucket: IBucket;

  constructor(scope: Construct, id: string, props: DataStackProps = {}) {
    super(scope, id, props);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const table = (
      tableId: string,
      partitionKey: string,
      extra: Partial<{ sortKey: string; sortKeyType: AttributeType; ttl: string }> = {},
    ) =>
      new Table(this, tableId, {
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        ...(extra.sortKey ? { sortKey: { name: extra.sortKey, type: extra.sortKeyType ?? AttributeType.NUMBER } } : {}),
        ...(extra.ttl ? { timeToLiveAttribute: extra.ttl } : {}),
        // On demand: the load follows incidents, not a steady rate.
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryption.AWS_MANAGED,
        removalPolicy,
      });

    const healings = table('HealingsTable', HEALINGS_KEYS.partitionKey, { sortKey: HEALINGS_KEYS.sortKey });
    healings.addGlobalSecondaryIndex({
      indexName: HEALINGS_BY_FINGERPRINT_INDEX.indexName,
      partitionKey: { name: HEALINGS_BY_FINGERPRINT_INDEX.partitionKey, type: AttributeType.STRING },
      sortKey: { name: HEALINGS_BY_FINGERPRINT_INDEX.sortKey, type: AttributeType.NUMBER },
    });
    healings.addGlobalSecondaryIndex({
      indexName: HEALINGS_BY_STATE_INDEX.indexName,
      partitionKey: { name: HEALINGS_BY_STATE_INDEX.partitionKey, type: AttributeType.STRING },
      sortKey: { name: HEALINGS_BY_STATE_INDEX.sortKey, type: AttributeType.STRING },
    });
    this.healings = healings;
    this.occurrences = table('OccurrencesTable', OCCURRENCES_KEYS.partitionKey);
    this.services = table('ServicesTable', SERVICES_KEYS.partitionKey);
    this.processed = table('ProcessedTable', PROCESSED_KEYS.partitionKey, { ttl: PROCESSED_TTL_ATTRIBUTE });
    this.control = table('ControlTable', CONTROL_KEYS.partitionKey, {
      sortKey: CONTROL_KEYS.sortKey,
      sortKeyType: AttributeType.STRING,
      ttl: CONTROL_TTL_ATTRIBUTE,
    });

    this.sourceBucket = new Bucket(this, 'SourceBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: props.enforceSsl ?? true,
      removalPolicy,
    });

    new CfnOutput(this, OUTPUT_KEYS.healingsTable, { value: this.healings.tableName });
    new CfnOutput(this, OUTPUT_KEYS.occurrencesTable, { value: this.occurrences.tableName });
    new CfnOutput(this, OUTPUT_KEYS.servicesTable, { value: this.services.tableName });
    new CfnOutput(this, OUTPUT_KEYS.processedTable, { value: this.processed.tableName });
    new CfnOutput(this, OUTPUT_KEYS.controlTable, { value: this.control.tableName });
    new CfnOutput(this, OUTPUT_KEYS.sourceBucket, { value: this.sourceBucket.bucketName });
  }
}
