import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IAlarmAction, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ISecurityGroup, IVpc } from 'aws-cdk-lib/aws-ec2';
import { SubnetType } from 'aws-cdk-lib/aws-ec2';
import { Architecture, type IFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type BundlingOptions, type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BATCH_SIZE, HANDLER_EXPORT } from './contract.ts';
import type { FunctionSizing } from './stageConfig.ts';

/** A file or directory copied into a function bundle. */
export interface RuntimeFile {
  /** Relative to the project root. */
  readonly from: string;
  /** Relative to the bundle root (where index.mjs is). @default the same as `from` */
  readonly to?: string;
}

export interface StageFunctionProps {
  /** Absolute path of the handler file (exports `handler`). */
  readonly entry: string;
  /** Repository root: esbuild's working directory and where the lockfile is. */
  readonly projectRoot: string;
  readonly sizing: FunctionSizing;
  /** Receives before a message moves to the DLQ. */
  readonly maxReceiveCount: number;
  /** Records per invocation. @default 10 (contract.BATCH_SIZE, the SQS ReceiveMessage maximum) */
  readonly batchSize?: number;
  /** How long the event source waits to fill a batch. @default no window */
  readonly maxBatchingWindow?: Duration;
  readonly environment?: Readonly<Record<string, string>>;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Of the log group. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** Alarm when the DLQ holds a message. Off only where the target cannot create alarms (moto). @default true */
  readonly dlqAlarm?: boolean;
  /** Where the DLQ alarm goes. @default no action */
  readonly alarmAction?: IAlarmAction;
  /** Deny non-TLS requests with a queue policy. Off only where the target cannot create queue policies. @default true */
  readonly enforceSsl?: boolean;
  /** Files the bundle needs at run time that esbuild cannot inline (WASM binaries). @default none */
  readonly runtimeFiles?: readonly RuntimeFile[];
  /** Runs the function in the VPC's private subnets with this security group. @default outside any VPC */
  readonly network?: { readonly vpc: IVpc; readonly securityGroup: ISecurityGroup };
  /** Overrides merged over the default esbuild options (ESM, node20 target, AWS SDK bundled, source maps). */
  readonly bundling?: Partial<BundlingOptions>;
}

// AWS guidance for SQS event sources: visibility timeout at least 6x the function timeout (plus the batching window),
// so a batch retried after throttling is not redelivered while still in flight.
const VISIBILITY_TIMEOUT_FACTOR = 6;
// 14 days, the SQS maximum: time to look at a poison message before it expires.
const DLQ_RETENTION = Duration.days(14);

/**
 * ESM bundles still contain CommonJS dependencies that use `require`, `__filename` and `__dirname` (the TypeScript
 * compiler's node system does at load time). Those names do not exist in ES module scope, so the banner defines them;
 * the aliased imports cannot collide with bundled code (minified top-level names are renamed, free ones are not).
 */
const CJS_SHIM = [
  "import { createRequire as __homeostasisCreateRequire } from 'node:module';",
  "import { fileURLToPath as __homeostasisFileURLToPath } from 'node:url';",
  "import { dirname as __homeostasisDirname } from 'node:path';",
  'const require = __homeostasisCreateRequire(import.meta.url);',
  'const __filename = __homeostasisFileURLToPath(import.meta.url);',
  'const __dirname = __homeostasisDirname(__filename);',
].join(' ');

/** Copies project files into the bundle after esbuild ran (local bundling runs these in a shell). */
function copyIntoBundle(files: readonly RuntimeFile[]): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) =>
      files.map(({ from, to }) => {
        const target = path.join(outputDir, to ?? from);
        return `mkdir -p "${path.dirname(target)}" && cp -R "${path.join(inputDir, from)}" "${target}"`;
      }),
  };
}

/** One pipeline stage: its input queue with a DLQ, the function that drains it, and an alarm on the DLQ. */
export class StageFunction extends Construct {
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly function: IFunction;
  readonly dlqAlarm: Alarm | undefined;

  constructor(scope: Construct, id: string, props: StageFunctionProps) {
    super(scope, id);
    const { sizing } = props;
    const batchingSeconds = props.maxBatchingWindow?.toSeconds() ?? 0;
    const enforceSSL = props.enforceSsl ?? true;

    const deadLetterQueue = new Queue(this, 'Dlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: DLQ_RETENTION,
      enforceSSL,
    });
    const queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      visibilityTimeout: Duration.seconds(sizing.timeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR + batchingSeconds),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
      enforceSSL,
    });

    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    const fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: HANDLER_EXPORT,
      projectRoot: props.projectRoot,
      depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      // Graviton: about 20% less per GB-second than x86 for the same memory (AWS Lambda pricing page).
      architecture: Architecture.ARM_64,
      memorySize: sizing.memoryMiB,
      timeout: sizing.timeout,
      ...(sizing.ephemeralStorage ? { ephemeralStorageSize: sizing.ephemeralStorage } : {}),
      logGroup,
      ...(props.network
        ? {
            vpc: props.network.vpc,
            vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
            securityGroups: [props.network.securityGroup],
          }
        : {}),
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        // The same bundle runs in the local runtime on Node 20, so nothing newer than Node 20 syntax.
        target: 'node20',
        mainFields: ['module', 'main'],
        // Bundle the SDK: versions pinned by the lockfile, and the bundle runs outside Lambda too.
        externalModules: [],
        sourceMap: true,
        sourcesContent: false,
        banner: CJS_SHIM,
        // Smaller bundles load faster on a cold start; names kept so stack traces still say which function threw.
        minify: true,
        keepNames: true,
        ...(props.runtimeFiles?.length ? { commandHooks: copyIntoBundle(props.runtimeFiles) } : {}),
        ...props.bundling,
      },
    });

    fn.addEventSource(
      new SqsEventSource(queue, {
        batchSize: props.batchSize ?? BATCH_SIZE,
        ...(props.maxBatchingWindow ? { maxBatchingWindow: props.maxBatchingWindow } : {}),
        ...(sizing.maxConcurrency ? { maxConcurrency: sizing.maxConcurrency } : {}),
        reportBatchItemFailures: true,
      }),
    );

    if (props.dlqAlarm ?? true) {
      const alarm = new Alarm(this, 'DlqAlarm', {
        alarmDescription: `${id}: messages failed ${props.maxReceiveCount} times and wait in the DLQ`,
        // SQS publishes queue metrics once a minute.
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: Stats.MAXIMUM,
        }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (props.alarmAction) alarm.addAlarmAction(props.alarmAction);
      this.dlqAlarm = alarm;
    } else {
      this.dlqAlarm = undefined;
    }

    this.queue = queue;
    this.deadLetterQueue = deadLetterQueue;
    this.function = fn;
  }
}
