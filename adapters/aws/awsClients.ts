import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Endpoint and region overrides; absent fields come from the SDK's own chain (AWS_ENDPOINT_URL, AWS_REGION, ...). */
export interface AwsClientOptions {
  endpoint?: string;
  region?: string;
}

export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  s3: S3Client;
  secrets: SecretsManagerClient;
}

/**
 * The SDK clients of the adapters. The endpoint is the SDK's business (it reads AWS_ENDPOINT_URL), so the same code
 * talks to AWS, LocalStack or moto; S3 uses path-style addressing whenever an endpoint is set, since an emulator on
 * `localhost:4566` has no per-bucket host names.
 */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const base = {
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
  };
  const custom = Boolean(options.endpoint ?? process.env['AWS_ENDPOINT_URL']);
  return {
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient(base), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
    }),
    // An emulator hands out queue URLs with AWS host names (moto: sqs.<region>.amazonaws.com); the configured
    // endpoint must win over them, as it does for every other client.
    sqs: new SQSClient({ ...base, ...(custom ? { useQueueUrlAsEndpoint: false } : {}) }),
    s3: new S3Client({ ...base, forcePathStyle: custom || Boolean(process.env['AWS_ENDPOINT_URL_S3']) }),
    secrets: new SecretsManagerClient(base),
  };
}
