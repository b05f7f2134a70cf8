import {
  GetFunctionCommand,
  type LambdaClient,
  paginateListEventSourceMappings,
  paginateListFunctions,
} from '@aws-sdk/client-lambda';
import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface QueueMapping {
  uuid: string;
  queueArn: string;
  queueUrl: string;
  batchSize: number;
  batchingWindowSeconds: number;
  enabled: boolean;
  /** ScalingConfig.MaximumConcurrency; 1 when unset (this runtime runs one poller per mapping by default). */
  maxConcurrency: number;
  reportBatchItemFailures: boolean;
}

export interface DeployedFunction {
  name: string;
  arn: string;
  handler: string;
  timeoutMs: number;
  memoryMb: number;
  environment: Record<string, string>;
  /** GetFunction's Code.Location: emulators keep the deployment package's S3 key in it (`<asset hash>.zip`). */
  codeLocation?: string;
  mappings: QueueMapping[];
}

/** `arn:aws:sqs:<region>:<account>:<name>` -> its parts; null for other ARNs (Kinesis, DynamoDB streams). */
export function parseQueueArn(arn: string): { region: string; account: string; name: string } | null {
  const m = /^arn:aws[\w-]*:sqs:([\w-]+):(\d+):([\w.-]+)$/.exec(arn);
  return m ? { region: m[1] as string, account: m[2] as string, name: m[3] as string } : null;
}

/**
 * Reads what is deployed: every function, its configuration (timeout, memory, environment) and its SQS event
 * source mappings with their queue URLs. Exactly what the Lambda service knows when it starts polling.
 */
export async function discoverFunctions(lambda: LambdaClient, sqs: SQSClient): Promise<DeployedFunction[]> {
  const out: DeployedFunction[] = [];
  for await (const page of paginateListFunctions({ client: lambda }, {})) {
    for (const listed of page.Functions ?? []) {
      const name = listed.FunctionName;
      if (!name) continue;
      const deployed = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
      const config = deployed.Configuration ?? {};
      const mappings: QueueMapping[] = [];
      for await (const mpage of paginateListEventSourceMappings({ client: lambda }, { FunctionName: name })) {
        for (const m of mpage.EventSourceMappings ?? []) {
          const queue = m.EventSourceArn ? parseQueueArn(m.EventSourceArn) : null;
          if (!queue || !m.EventSourceArn) continue;
          const url = await sqs.send(
            new GetQueueUrlCommand({ QueueName: queue.name, QueueOwnerAWSAccountId: queue.account }),
          );
          mappings.push({
            uuid: m.UUID ?? '',
            queueArn: m.EventSourceArn,
            queueUrl: url.QueueUrl ?? '',
            batchSize: m.BatchSize ?? 10,
            batchingWindowSeconds: m.MaximumBatchingWindowInSeconds ?? 0,
            enabled: m.State === undefined || !['Disabled', 'Disabling'].includes(m.State),
            maxConcurrency: m.ScalingConfig?.MaximumConcurrency ?? 1,
            reportBatchItemFailures: (m.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
          });
        }
      }
      out.push({
        name,
        arn: config.FunctionArn ?? listed.FunctionArn ?? '',
        handler: config.Handler ?? 'index.handler',
        // Lambda's default timeout is 3 s.
        timeoutMs: (config.Timeout ?? 3) * 1000,
        memoryMb: config.MemorySize ?? 128,
        environment: { ...(config.Environment?.Variables ?? {}) },
        ...(deployed.Code?.Location ? { codeLocation: deployed.Code.Location } : {}),
        mappings,
      });
    }
  }
  return out;
}
