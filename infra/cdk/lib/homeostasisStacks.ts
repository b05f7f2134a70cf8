import { type App, DefaultStackSynthesizer, type Environment } from 'aws-cdk-lib';
import { DataStack } from './dataStack.ts';
import { NetworkStack } from './networkStack.ts';
import { type PipelineServices, PipelineStack } from './pipelineStack.ts';
import { ServicesStack } from './servicesStack.ts';
import type { DeploymentConfig } from './stageConfig.ts';

export interface HomeostasisStacksProps {
  readonly config: DeploymentConfig;
  /** Repository root (handler entries, the lockfile and the service images' build context are found from it). */
  readonly projectRoot: string;
  /** @default environment-agnostic stacks */
  readonly env?: Environment;
  /** @default no subscription */
  readonly alarmEmail?: string;
  /** ARNs of secrets with git tokens for services whose source is a git URL. @default none */
  readonly gitTokenSecretArns?: readonly string[];
  /**
   * An existing Consul's HTTP address (`http://consul.example.internal:8500`). With the services stacks: no Consul
   * server is deployed; without them: the stage functions still find plugin hosts through it. @default none
   */
  readonly consulAddress?: string;
  /** Where an existing Consul checks the services' health from (a CIDR). @default the VPC's range */
  readonly consulCheckCidr?: string;
  /** An existing Redis (`redis://` / `rediss://`), instead of ElastiCache; also given to stages without services. */
  readonly redisUrl?: string;
  /** ACM certificate ARN: the REST API gets an internet-facing HTTPS listener. @default internal HTTP listener */
  readonly apiCertificateArn?: string;
  /** Secrets Manager secret with the API keys list. @default a generated admin key */
  readonly apiKeysSecretArn?: string;
}

export interface HomeostasisStacks {
  readonly data: DataStack;
  readonly pipeline: PipelineStack;
  /** Undefined when the config has no services (a local emulator, or `-c services=false`). */
  readonly network: NetworkStack | undefined;
  readonly services: ServicesStack | undefined;
}

/** Stack names carry the stage, so dev and prod live side by side in one account. */
export function stackNames(stage: string): {
  readonly data: string;
  readonly network: string;
  readonly services: string;
  readonly pipeline: string;
} {
  return {
    data: `Homeostasis-${stage}-Data`,
    network: `Homeostasis-${stage}-Network`,
    services: `Homeostasis-${stage}-Services`,
    pipeline: `Homeostasis-${stage}-Pipeline`,
  };
}

/** Adds the stacks of one deployment to an app: data and pipeline always, network and services when configured. */
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

  let network: NetworkStack | undefined;
  let services: ServicesStack | undefined;
  let links: PipelineServices = {
    ...(props.consulAddress ? { consulAddress: props.consulAddress } : {}),
    ...(props.redisUrl ? { redisUrl: props.redisUrl } : {}),
  };
  if (config.services) {
    network = new NetworkStack(app, names.network, {
      ...common,
      natGateways: config.services.natGateways,
      publicApi: props.apiCertificateArn !== undefined,
      apiListenerPort: props.apiCertificateArn ? 443 : 80,
      ...(props.consulAddress
        ? { externalConsul: props.consulCheckCidr ? { checkCidr: props.consulCheckCidr } : {} }
        : {}),
    });
    services = new ServicesStack(app, names.services, {
      ...common,
      network,
      data,
      config: config.services,
      stage: config.stage,
      projectRoot: props.projectRoot,
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
      ...(props.consulAddress ? { consulAddress: props.consulAddress } : {}),
      ...(props.redisUrl ? { redisUrl: props.redisUrl } : {}),
      ...(props.apiCertificateArn ? { apiCertificateArn: props.apiCertificateArn } : {}),
      ...(props.apiKeysSecretArn ? { apiKeysSecretArn: props.apiKeysSecretArn } : {}),
      ...(props.gitTokenSecretArns ? { gitTokenSecretArns: props.gitTokenSecretArns } : {}),
    });
    links = {
      network: { vpc: network.vpc, securityGroup: network.securityGroups.stages },
      consulAddress: services.consulAddress,
      redisUrl: services.redisUrl,
    };
  }

  const pipeline = new PipelineStack(app, names.pipeline, {
    ...common,
    data,
    config,
    projectRoot: props.projectRoot,
    services: links,
    ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    ...(props.gitTokenSecretArns ? { gitTokenSecretArns: props.gitTokenSecretArns } : {}),
  });
  return { data, pipeline, network, services };
}
