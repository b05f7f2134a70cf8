import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ISecurityGroup, IVpc } from 'aws-cdk-lib/aws-ec2';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import {
  ENV,
  HANDLER_ENTRIES,
  MAX_RECEIVE_COUNT,
  OUTPUT_KEYS,
  QUEUE_URL_ENV,
  STAGES,
  type Stage,
  stageQueueName,
} from './contract.ts';
import { dataEnvironment, type HomeostasisData } from './dataStack.ts';
import type { DeploymentConfig } from './stageConfig.ts';
import { type RuntimeFile, StageFunction } from './stageFunction.ts';

/** Where the stages find the services (issue 4); every part optional, so the pipeline also runs without them. */
export interface PipelineServices {
  /** The VPC and security group the functions run in (when the services stacks are deployed). */
  readonly network?: { readonly vpc: IVpc; readonly securityGroup: ISecurityGroup };
  /** CONSUL_HTTP_ADDR: plugin hosts are found through it; absent = plugins run in the function. */
  readonly consulAddress?: string;
  /** REDIS_URL: shared caches; absent = none. */
  readonly redisUrl?: string;
}

export interface PipelineStackProps extends StackProps {
  readonly data: HomeostasisData;
  readonly config: DeploymentConfig;
  /** Repository root: handler entries in contract.HANDLER_ENTRIES are relative to it. */
  readonly projectRoot: string;
  /** Subscribed to the DLQ alarms. @default no subscription (the topic still exists) */
  readonly alarmEmail?: string;
  /** Complete ARNs of secrets holding git tokens of services whose source is a git URL. @default none */
  readonly gitTokenSecretArns?: readonly string[];
  /** @default no VPC, no Consul, no Redis */
  readonly services?: PipelineServices;
}

/** Which stage sends to which: a stage's function may send only to the next stage's queue. */
const NEXT_STAGE: Readonly<Record<Stage, Exclude<Stage, 'ingest'> | undefined>> = {
  ingest: 'analyze',
  analyze: 'patch',
  patch: 'validate',
  validate: undefined,
};

/**
 * Files the core reads at run time that esbuild does not inline. plugins/shared/treeSitter.ts resolves the grammar
 * package through its package.json; web-tree-sitter and the plugins' rule loaders (plugins/<lang>/rules/*Rules.ts)
 * read files next to the importing module, which in a bundle is index.mjs. Every plugin's rule file is taken, found
 * at synth time, so a new language plugin cannot ship a bundle without its rules.
 */
function coreRuntimeFiles(projectRoot: string): RuntimeFile[] {
  const plugins = readdirSync(path.join(projectRoot, 'plugins'), { withFileTypes: true }).filter((d) =>
    d.isDirectory(),
  );
  const ruleFiles = plugins
    .map((d) => `plugins/${d.name}/rules/${d.name}.rules.json`)
    .filter((file) => existsSync(path.join(projectRoot, file)));
  return [
    { from: 'node_modules/@vscode/tree-sitter-wasm/package.json' },
    { from: 'node_modules/@vscode/tree-sitter-wasm/wasm' },
    { from: 'node_modules/web-tree-sitter/web-tree-sitter.wasm', to: 'web-tree-sitter.wasm' },
    ...ruleFiles.map((file) => ({ from: file, to: path.basename(file) })),
    // The gRPC client of the plugin hosts loads the protos at run time (services/shared/protoLoader.ts).
    { from: 'proto' },
  ];
}

/**
 * What the JavaScript plugin needs besides its code: the bundled TypeScript compiler looks for its standard library
 * (lib.*.d.ts) next to the executing file, which is index.mjs; the fixers' type analysis resolves `@types/node` (and
 * its dependency undici-types) from the bundle's node_modules; the type-check step of a service without its own
 * compiler runs `typescript/bin/tsc`, which needs the whole package (bin/tsc -> lib/tsc.js -> lib/_tsc.js + libs).
 */
function typeScriptRuntimeFiles(projectRoot: string): RuntimeFile[] {
  const libDir = 'node_modules/typescript/lib';
  const libraries = readdirSync(path.join(projectRoot, libDir)).filter((f) => /^lib\..*\.d\.ts$/.test(f));
  return [
    ...libraries.map((file) => ({ from: `${libDir}/${file}`, to: file })),
    { from: 'node_modules/@types/node' },
    { from: 'node_modules/undici-types' },
    { from: 'node_modules/typescript' },
  ];
}

/** Stages that fetch a service's source (tarball from the bucket, or git with a token). */
const READS_SOURCE: ReadonlySet<Stage> = new Set<Stage>(['analyze', 'patch', 'validate']);

/** The four stages (queue, DLQ, function, alarm each) and the grants between them and the data. */
export class PipelineStack extends Stack {
  readonly stages: Readonly<Record<Stage, StageFunction>>;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { data, config } = props;
    this.alarmTopic = new Topic(this, 'AlarmTopic', { displayName: `Homeostasis ${config.stage} pipeline alarms` });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    const dataEnv: Record<string, string> = {
      ...dataEnvironment(data),
      // The environment written into error events; it chooses the risk thresholds and the limits (dev: development).
      HOMEOSTASIS_ENVIRONMENT: config.stage,
    };
    const serviceLinks = props.services ?? {};
    if (serviceLinks.consulAddress) dataEnv[ENV.consulHttpAddr] = serviceLinks.consulAddress;
    if (serviceLinks.redisUrl) dataEnv[ENV.redisUrl] = serviceLinks.redisUrl;

    const runtimeFiles = [...coreRuntimeFiles(props.projectRoot), ...typeScriptRuntimeFiles(props.projectRoot)];
    const build = (stage: Stage, feeds?: StageFunction): StageFunction => {
      const next = NEXT_STAGE[stage];
      const environment: Record<string, string> = { ...dataEnv };
      if (next && feeds) environment[QUEUE_URL_ENV[next]] = feeds.queue.queueUrl;
      if (stage === 'validate') {
        environment[ENV.validateStepTimeoutMs] = String(config.validateStepTimeout.toMilliseconds());
      }
      return new StageFunction(this, capitalize(stage), {
        entry: path.join(props.projectRoot, HANDLER_ENTRIES[stage]),
        projectRoot: props.projectRoot,
        sizing: config.functions[stage],
        maxReceiveCount: MAX_RECEIVE_COUNT[stage],
        queueName: stageQueueName(config.stage, stage),
        ...(stage === 'ingest' ? { maxBatchingWindow: config.ingestBatchingWindow } : {}),
        environment,
        logRetention: config.logRetention,
        logRemovalPolicy: config.removalPolicy,
        dlqAlarm: !config.local,
        alarmAction: new SnsAction(this.alarmTopic),
        enforceSsl: !config.local,
        runtimeFiles,
        ...(serviceLinks.network ? { network: serviceLinks.network } : {}),
      });
    };
    // Built from the last stage back, so each function is given the URL of the queue it feeds.
    const validate = build('validate');
    const patch = build('patch', validate);
    const analyze = build('analyze', patch);
    const ingest = build('ingest', analyze);
    this.stages = { ingest, analyze, patch, validate };

    const gitTokenSecrets = (props.gitTokenSecretArns ?? []).map((arn, i) =>
      Secret.fromSecretCompleteArn(this, `GitTokenSecret${i}`, arn),
    );
    for (const stage of STAGES) {
      const fn = this.stages[stage].function;
      data.healings.grantReadWriteData(fn);
      data.processed.grantReadWriteData(fn);
      data.services.grantReadData(fn);
      // Limits and the kill switch (core/limits) are checked and counted by the stages.
      data.control.grantReadWriteData(fn);
      if (stage !== 'patch') data.occurrences.grantReadWriteData(fn);
      if (READS_SOURCE.has(stage)) {
        data.sourceBucket.grantRead(fn);
        for (const secret of gitTokenSecrets) secret.grantRead(fn);
      }
      const next = NEXT_STAGE[stage];
      if (next) this.stages[next].queue.grantSendMessages(fn);
    }

    new CfnOutput(this, OUTPUT_KEYS.ingestQueueUrl, { value: ingest.queue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }
}

function capitalize(stage: Stage): string {
  return stage.charAt(0).toUpperCase() + stage.slice(1);
}
