import { type App, DefaultStackSynthesizer, type Environment } from 'aws-cdk-lib';
import { DataStack } from './dataStack.ts';
import { PipelineStack } from './pipelineStack.ts';
import type { DeploymentConfig } from './stageConfig.ts';

export interface HomeostasisStacksProps {
  readonly config: DeploymentConfig;
  /** Repository root (handler entries and the lockfile are found from it). */
  readonly projectRoot: string;
  /** @default environment-agnostic stacks */
  readonly env?: Environment;
  /** @default no subscription */
  readonly alarmEmail?: string;
  /** ARNs of secrets with git tokens for services whose source is a git URL. @default none */
  readonly gitTokenSecretArns?: readonly string[];
}

export interface HomeostasisStacks {
  readonly data: DataStack;
  readonly pipeline: PipelineStack;
}

/** Stack names carry the stage, so dev and prod live side by side in one account. */
export function stackNames(stage: string): { readonly data: string; readonly pipeline: string } {
  return { data: `Homeostasis-${stage}-Data`, pipeline: `Homeostasis-${stage}-Pipeline` };
}

/** Adds the data and pipeline stacks of one deployment to an app. */
export function addHomeostasisStacks(app: App, props: HomeostasisStacksProps): HomeostasisStacks {
  const { config } = props;
  const names = stackNames(config.stage);
  // A local emulator has no bootstrap version parameter to check against; everything else is the real template.
  const synthesizer = config.local ? new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) : undefined;
  const common = {
    ...(props.env ? { env: props.env } : {}),
    ...(synthesizer ? { synthesizer } : {}),
    description: `Homeostasis self-healing pipeline (${config.stage})`,
  };
  const data = new DataStack(app, names.data, {
    ...common,
    removalPolicy: config.removalPolicy,
    enforceSsl: !config.local,
  });
  const pipeline = new PipelineStack(app, names.pipeline, {
    ...common,
    data,
    config,
    projectRoot: props.projectRoot,
    ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    ...(props.gitTokenSecretArns ? { gitTokenSecretArns: props.gitTokenSecretArns } : {}),
  });
  return { data, pipeline };
}
