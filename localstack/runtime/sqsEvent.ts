import type { Message } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';

export interface QueueRef {
  url: string;
  arn: string;
  region: string;
}

/**
 * The SQS event Lambda's poller would build for these messages: one record per message with its receipt handle,
 * system attributes (ApproximateReceiveCount, SentTimestamp, ...), message attributes and the queue's ARN.
 */
export function sqsEventOf(messages: readonly Message[], queue: QueueRef): SQSEvent {
  return {
    Records: messages.map(
      (m): SQSRecord => ({
        messageId: m.MessageId ?? '',
        receiptHandle: m.ReceiptHandle ?? '',
        body: m.Body ?? '',
        attributes: {
          ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
          SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
          SenderId: m.Attributes?.SenderId ?? '',
          ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        },
        messageAttributes: Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).map(([name, v]) => [
            name,
            {
              dataType: v.DataType ?? 'String',
              ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
              ...(v.BinaryValue !== undefined ? { binaryValue: Buffer.from(v.BinaryValue).toString('base64') } : {}),
              stringListValues: v.StringListValues ?? [],
              binaryListValues: [],
            },
          ]),
        ),
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: queue.arn,
        awsRegion: queue.region,
      }),
    ),
  };
}

/** The serializable part of a Lambda context; the worker adds the methods. */
export interface ContextFields {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  /** Epoch ms at which the invocation is cut off. */
  deadline: number;
}

/** A Lambda context whose getRemainingTimeInMillis counts down to the function timeout. */
export function lambdaContext(fields: ContextFields): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fields.functionName,
    functionVersion: fields.functionVersion,
    invokedFunctionArn: fields.invokedFunctionArn,
    memoryLimitInMB: fields.memoryLimitInMB,
    awsRequestId: fields.awsRequestId,
    logGroupName: fields.logGroupName,
    logStreamName: fields.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, fields.deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** The message ids a handler reported as failed; everything else in the batch succeeded. */
export function failedMessageIds(response: unknown): Set<string> {
  const failures = (response as { batchItemFailures?: { itemIdentifier?: unknown }[] } | null)?.batchItemFailures;
  return new Set((Array.isArray(failures) ? failures : []).map((f) => String(f.itemIdentifier)));
}
