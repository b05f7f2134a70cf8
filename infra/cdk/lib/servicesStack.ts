import { CfnOutput, Duration, type RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { SubnetType } from 'aws-cdk-lib/aws-ec2';
import { Cluster, ContainerImage, Secret as EcsSecret } from 'aws-cdk-lib/aws-ecs';
import {
  ApplicationLoadBalancer,
  ApplicationProtocol,
  type IApplicationListener,
  SslPolicy,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import {
  CONSUL_SERVICE_NAMES,
  ENV,
  SERVICE_OUTPUT_KEYS,
  SERVICE_PORTS,
  type Stage,
  stageQueueName,
} from './contract.ts';
import type { HomeostasisData } from './dataStack.ts';
import { HomeostasisService } from './fargateService.ts';
import type { NetworkStack } from './networkStack.ts';
import { orchestratorEnvironment } from './orchestratorEnvironment.ts';
import { RedisCache } from './redisCache.ts';
import { entryWithTaskAddress, grpcHealthCheck, serviceImage } from './serviceContainer.ts';
import type { ServicesConfig } from './stageConfig.ts';

export interface ServicesStackProps extends StackProps {
  readonly network: NetworkStack;
  readonly data: HomeostasisData;
  readonly config: ServicesConfig;
  readonly stage: string;
  /** Repository root: the build context of the service images. */
  readonly projectRoot: string;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** An existing Redis (`redis://` or `rediss://`); absent = an ElastiCache replication group in the stack. */
  readonly redisUrl?: string;
  /** An existing Consul's HTTP address; absent = a Consul server task in the stack. */
  readonly consulAddress?: string;
  /** ACM certificate for an internet-facing HTTPS listener; absent = an internal HTTP listener (VPC only). */
  readonly apiCertificateArn?: string;
  /** A secret holding the API keys (`[{"name","key","roles"}]`); absent = one generated admin key. */
  readonly apiKeysSecretArn?: string;
  /** Secrets with git tokens for delivery (the orchestrator pushes branches). @default none */
  readonly gitTokenSecretArns?: readonly string[];
}

/** Roles of the key generated when no key secret is given: everything an operator needs on day one. */
const GENERATED_KEY = { name: 'admin', roles: ['viewer', 'reviewer', 'operator'] };

/**
 * The long-running part of issue 4 on ECS Fargate: a plugin host service per language group, the orchestrator
 * (gRPC + REST API) behind a load balancer, ElastiCache Redis, and a Consul server unless one is given.
 */
export class ServicesStack extends Stack {
  readonly cluster: Cluster;
  /** For the stage functions' environment. */
  readonly consulAddress: string;
  readonly redisUrl: string;
  readonly redis: RedisCache | undefined;
  readonly pluginHosts: Readonly<Record<string, HomeostasisService>>;
  readonly orchestrator: HomeostasisService;
  readonly consulServer: HomeostasisService | undefined;
  readonly apiKeys: ISecret;
  readonly apiListener: IApplicationListener;

  constructor(scope: Construct, id: string, props: ServicesStackProps) {
    super(scope, id, props);
    const { network, config } = props;
    const { vpc, securityGroups: groups } = network;
    const common = { logRetention: props.logRetention, logRemovalPolicy: props.logRemovalPolicy };
    this.cluster = new Cluster(this, 'Cluster', { vpc });

    if (props.redisUrl) {
      this.redis = undefined;
      this.redisUrl = props.redisUrl;
    } else {
      this.redis = new RedisCache(this, 'Redis', {
        vpc,
        securityGroup: groups.redis,
        nodeType: config.redis.nodeType,
        replicas: config.redis.replicas,
        description: `Homeostasis ${props.stage} caches`,
      });
      this.redisUrl = this.redis.url;
    }

    if (props.consulAddress) {
      this.consulAddress = props.consulAddress;
      this.consulServer = undefined;
    } else {
      if (!groups.consul) throw new Error('the network stack has no Consul security group');
      const namespace = this.cluster.addDefaultCloudMapNamespace({ name: `homeostasis-${props.stage}.internal`, vpc });
      this.consulServer = new HomeostasisService(this, 'Consul', {
        ...common,
        cluster: this.cluster,
        securityGroup: groups.consul,
        sizing: { ...config.consul, desiredCount: 1 },
        // ECR Public mirrors the official image without Docker Hub's pull limits.
        image: ContainerImage.fromRegistry('public.ecr.aws/hashicorp/consul:1.20'),
        // One server that elects itself; the data directory lives in the task, so a replaced task starts with an
        // empty catalog (the services' registrations come back when they restart; see docs/deploy.md).
        command: ['agent', '-server', '-bootstrap-expect=1', '-ui', '-client=0.0.0.0', '-bind={{ GetPrivateIP }}'],
        environment: {},
        ports: [SERVICE_PORTS.consul],
        healthCheck: {
          command: ['CMD-SHELL', `wget -qO- http://127.0.0.1:${SERVICE_PORTS.consul}/v1/status/leader | grep -q :`],
          interval: Duration.seconds(15),
          timeout: Duration.seconds(5),
          retries: 3,
          startPeriod: Duration.seconds(30),
        },
        deployment: 'replace',
        cloudMapName: 'consul',
      });
      this.consulAddress = `http://consul.${namespace.namespaceName}:${SERVICE_PORTS.consul}`;
    }

    const hosts: Record<string, HomeostasisService> = {};
    const pluginImage = serviceImage(props.projectRoot, 'services/plugin-host/Dockerfile');
    for (const group of config.pluginHosts) {
      hosts[group.name] = new HomeostasisService(this, `PluginHost-${group.name}`, {
        ...common,
        cluster: this.cluster,
        securityGroup: groups.pluginHosts,
        sizing: group,
        image: pluginImage,
        command: entryWithTaskAddress(['node', '--import', 'tsx', 'services/plugin-host/main.ts']),
        environment: {
          HOST: '0.0.0.0',
          PORT: String(SERVICE_PORTS.pluginHost),
          LANGUAGES: group.languages.join(','),
          SERVICE_NAME: CONSUL_SERVICE_NAMES.pluginHost,
          [ENV.consulHttpAddr]: this.consulAddress,
        },
        ports: [SERVICE_PORTS.pluginHost],
        healthCheck: grpcHealthCheck(SERVICE_PORTS.pluginHost),
        deployment: 'rolling',
      });
    }
    this.pluginHosts = hosts;

    this.apiKeys = props.apiKeysSecretArn
      ? Secret.fromSecretCompleteArn(this, 'ApiKeys', props.apiKeysSecretArn)
      : new Secret(this, 'ApiKeys', {
          description: `Homeostasis ${props.stage} REST API key (x-api-key)`,
          generateSecretString: {
            secretStringTemplate: JSON.stringify(GENERATED_KEY),
            generateStringKey: 'key',
            // 40 letters and digits: ~238 bits, and nothing a shell or a header would need to escape.
            passwordLength: 40,
            excludePunctuation: true,
          },
        });

    this.orchestrator = new HomeostasisService(this, 'Orchestrator', {
      ...common,
      cluster: this.cluster,
      securityGroup: groups.orchestrator,
      sizing: config.orchestrator,
      image: serviceImage(props.projectRoot, 'services/orchestrator/Dockerfile'),
      command: entryWithTaskAddress(['node', '--import', 'tsx', 'services/orchestrator/main.ts'], { apiKeys: true }),
      environment: orchestratorEnvironment({
        data: props.data,
        consulAddress: this.consulAddress,
        redisUrl: this.redisUrl,
        environment: props.stage,
        handOff: {
          patchQueueUrl: this.stageQueue(props.stage, 'patch').url,
          validateQueueUrl: this.stageQueue(props.stage, 'validate').url,
        },
      }),
      secrets: { HOMEOSTASIS_API_KEYS: EcsSecret.fromSecretsManager(this.apiKeys) },
      ports: [SERVICE_PORTS.orchestrator, SERVICE_PORTS.api],
      // The container is healthy when its gRPC server is SERVING; the load balancer checks the REST API's /healthz.
      healthCheck: grpcHealthCheck(SERVICE_PORTS.orchestrator),
      deployment: 'rolling',
      healthCheckGracePeriod: Duration.seconds(60),
    });
    grantOrchestrator(this, props);

    this.apiListener = this.addApi(props);

    new CfnOutput(this, SERVICE_OUTPUT_KEYS.consulAddress, { value: this.consulAddress });
    new CfnOutput(this, SERVICE_OUTPUT_KEYS.redisUrl, { value: this.redisUrl });
    new CfnOutput(this, SERVICE_OUTPUT_KEYS.apiKeysSecretArn, { value: this.apiKeys.secretArn });
    new CfnOutput(this, SERVICE_OUTPUT_KEYS.clusterName, { value: this.cluster.clusterName });
  }

  /** The REST API: HTTPS on the internet with a certificate, otherwise HTTP inside the VPC only. */
  /**
   * A pipeline stage's input queue, addressed by its fixed name (contract.stageQueueName) in this stack's account and
   * region: the pipeline stack that creates it refers to this one, so no reference may go back.
   */
  stageQueue(deployment: string, stage: Stage): { url: string; arn: string } {
    const name = stageQueueName(deployment, stage);
    return {
      url: `https://sqs.${this.region}.${this.urlSuffix}/${this.account}/${name}`,
      arn: this.formatArn({ service: 'sqs', resource: name }),
    };
  }

  private addApi(props: ServicesStackProps): IApplicationListener {
    const { vpc, securityGroups: groups } = props.network;
    const internetFacing = props.apiCertificateArn !== undefined;
    const balancer = new ApplicationLoadBalancer(this, 'ApiLoadBalancer', {
      vpc,
      internetFacing,
      securityGroup: groups.api,
      vpcSubnets: { subnetType: internetFacing ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS },
      dropInvalidHeaderFields: true,
    });
    // open: false – the network stack's api group decides who may connect, not a rule CDK would add here.
    const listener = props.apiCertificateArn
      ? balancer.addListener('Https', {
          port: 443,
          protocol: ApplicationProtocol.HTTPS,
          certificates: [Certificate.fromCertificateArn(this, 'ApiCertificate', props.apiCertificateArn)],
          sslPolicy: SslPolicy.RECOMMENDED_TLS,
          open: false,
        })
      : balancer.addListener('Http', { port: 80, protocol: ApplicationProtocol.HTTP, open: false });
    listener.addTargets('Orchestrator', {
      port: SERVICE_PORTS.api,
      protocol: ApplicationProtocol.HTTP,
      targets: [
        this.orchestrator.service.loadBalancerTarget({ containerName: 'Main', containerPort: SERVICE_PORTS.api }),
      ],
      healthCheck: { path: '/healthz', interval: Duration.seconds(15), healthyThresholdCount: 2 },
      // The orchestrator drains for up to 20 s on SIGTERM; requests still routed after that would fail.
      deregistrationDelay: Duration.seconds(20),
    });
    const scheme = internetFacing ? 'https' : 'http';
    new CfnOutput(this, SERVICE_OUTPUT_KEYS.apiUrl, { value: `${scheme}://${balancer.loadBalancerDnsName}` });
    return listener;
  }
}

/** The orchestrator's task role: the healing state it reads and decides on, and the git tokens for delivery. */
function grantOrchestrator(stack: ServicesStack, props: ServicesStackProps): void {
  const role = stack.orchestrator.taskDefinition.taskRole;
  const { data } = props;
  for (const table of [data.healings, data.occurrences, data.processed, data.control]) table.grantReadWriteData(role);
  data.services.grantReadData(role);
  data.sourceBucket.grantRead(role);
  // Stage reports applied by the desk hand the healing on to the next stage (core/operate/stageHandOff.ts).
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['sqs:SendMessage'],
      resources: (['patch', 'validate'] as const).map((s) => stack.stageQueue(props.stage, s).arn),
    }),
  );
  (props.gitTokenSecretArns ?? []).forEach((arn, i) => {
    Secret.fromSecretCompleteArn(stack, `GitTokenSecret${i}`, arn).grantRead(role);
  });
  // Progressive delivery (adapters/aws/lambdaAliasTarget.ts) to the functions a team opted in by tagging them:
  // new code, a version, the alias's weights. Nothing else in the account can be changed by the orchestrator.
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [
        'lambda:GetFunction',
        'lambda:GetFunctionConfiguration',
        'lambda:GetAlias',
        'lambda:UpdateAlias',
        'lambda:PublishVersion',
        'lambda:UpdateFunctionCode',
      ],
      resources: ['*'],
      conditions: { StringEquals: { [`aws:ResourceTag/${DELIVERY_TAG}`]: 'true' } },
    }),
  );
}

/** The tag (value `true`) that lets the orchestrator deliver patches to a Lambda function. */
export const DELIVERY_TAG = 'homeostasis-delivery';
