import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSUL_SERVICE_NAMES, ENV, SERVICE_OUTPUT_KEYS, SERVICE_PORTS } from '../lib/contract.ts';
import { IMAGE_CONTEXT_ENTRIES } from '../lib/serviceContainer.ts';
import { DEV_CONFIG, PROD_CONFIG } from '../lib/stageConfig.ts';
import { resourcesOfType, type SynthesizedStacks, synthStacks } from './synthStacks.ts';

type Json = Record<string, unknown>;
interface Container {
  Name: string;
  Image: unknown;
  Command?: string[];
  Environment: { Name: string; Value: unknown }[];
  Secrets?: { Name: string; ValueFrom: unknown }[];
  HealthCheck: { Command: string[]; Interval: number; Retries: number; StartPeriod: number };
  LogConfiguration: { LogDriver: string; Options: Json };
  PortMappings: { ContainerPort: number }[];
}

const EXISTING = {
  consulAddress: 'http://consul.example.internal:8500',
  redisUrl: 'rediss://cache.example.internal:6379',
  apiCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0d3c8a8e-1111-2222-3333-444455556666',
  apiKeysSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:homeostasis/api-keys-AbCdEf',
};

let dev: SynthesizedStacks;
let services: Template;
/** Every part given from outside: an existing Consul and Redis, a certificate, a key secret. */
let existing: Template;
let existingPipeline: Template;
let prod: Template;
beforeAll(() => {
  dev = synthStacks('dev');
  const withExisting = synthStacks('dev', false, EXISTING);
  const prodStacks = synthStacks('prod');
  if (!dev.services || !withExisting.services || !prodStacks.services) throw new Error('no services stack');
  services = dev.services;
  existing = withExisting.services;
  existingPipeline = withExisting.pipeline;
  prod = prodStacks.services;
});

/** The single container of each task definition, by the task's logical id prefix (`PluginHostjavascript`, …). */
function containers(template: Template): Record<string, Container> {
  return Object.fromEntries(
    Object.entries(resourcesOfType(template, 'AWS::ECS::TaskDefinition')).map(([id, r]) => {
      const defs = r.Properties['ContainerDefinitions'] as Container[];
      expect(defs).toHaveLength(1);
      return [id.replace(/Task[0-9A-F]{8}$/, ''), defs[0] as Container];
    }),
  );
}

function env(container: Container | undefined): Record<string, unknown> {
  return Object.fromEntries((container?.Environment ?? []).map((e) => [e.Name, e.Value]));
}

function ecsServices(template: Template): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(resourcesOfType(template, 'AWS::ECS::Service')).map(([id, r]) => [
      id.replace(/Service[0-9A-F]{8}$/, ''),
      r.Properties,
    ]),
  );
}

const CONSUL_IN_STACK = 'http://consul.homeostasis-dev.internal:8500';

describe('ServicesStack task definitions', () => {
  it('runs a plugin host service per language group of the config, with that group in LANGUAGES', () => {
    const all = containers(services);
    expect(Object.keys(all).sort()).toEqual(['Consul', 'Orchestrator', 'PluginHostjavascript', 'PluginHostpolyglot']);
    const services_ = DEV_CONFIG.services?.pluginHosts ?? [];
    for (const group of services_) {
      const vars = env(all[`PluginHost${group.name}`]);
      expect(vars).toEqual({
        HOST: '0.0.0.0',
        PORT: String(SERVICE_PORTS.pluginHost),
        LANGUAGES: group.languages.join(','),
        SERVICE_NAME: CONSUL_SERVICE_NAMES.pluginHost,
        [ENV.consulHttpAddr]: CONSUL_IN_STACK,
      });
    }
  });

  it('builds the service images from the Dockerfiles with the repository root as a trimmed context', () => {
    const files = dev.imageAssets.map((asset) => asset.dockerFile).sort();
    expect(files).toEqual(['services/orchestrator/Dockerfile', 'services/plugin-host/Dockerfile']);
    for (const asset of dev.imageAssets) {
      expect(asset.platform).toBe('linux/amd64');
      // Only the entries the Dockerfiles copy: no node_modules, examples, .git or cloud assemblies.
      expect(
        asset.contextEntries.every((entry) => IMAGE_CONTEXT_ENTRIES.has(entry)),
        asset.dockerFile,
      ).toBe(true);
      expect(asset.contextEntries).toEqual(
        expect.arrayContaining(['package-lock.json', 'core', 'plugins', 'services']),
      );
    }
    // The images are the bootstrap repository's assets, tagged by content hash.
    const all = containers(services);
    for (const name of ['PluginHostjavascript', 'Orchestrator']) {
      expect(JSON.stringify(all[name]?.Image)).toMatch(
        /container-assets-\$\{AWS::AccountId\}-\$\{AWS::Region\}:[0-9a-f]{64}/,
      );
    }
    expect(all['PluginHostjavascript']?.Image).toEqual(all['PluginHostpolyglot']?.Image);
    expect(all['PluginHostjavascript']?.Image).not.toEqual(all['Orchestrator']?.Image);
  });

  it('starts the services through the task-address entry and checks their health services', () => {
    const all = containers(services);
    for (const name of ['PluginHostjavascript', 'PluginHostpolyglot']) {
      const container = all[name];
      expect(container?.Command?.slice(0, 2)).toEqual(['/bin/sh', '-c']);
      expect(container?.Command?.[2]).toMatch(/\nexec node --import tsx services\/plugin-host\/main\.ts$/);
      expect(container?.HealthCheck.Command.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
      expect(container?.HealthCheck.Command[3]).toContain(`'127.0.0.1:${SERVICE_PORTS.pluginHost}'`);
      expect(container?.PortMappings.map((p) => p.ContainerPort)).toEqual([SERVICE_PORTS.pluginHost]);
    }
    const orchestrator = all['Orchestrator'];
    expect(orchestrator?.Command?.[2]).toMatch(/\nexec node --import tsx services\/orchestrator\/main\.ts$/);
    expect(orchestrator?.HealthCheck.Command[3]).toContain(`'127.0.0.1:${SERVICE_PORTS.orchestrator}'`);
    expect(orchestrator?.PortMappings.map((p) => p.ContainerPort)).toEqual([
      SERVICE_PORTS.orchestrator,
      SERVICE_PORTS.api,
    ]);
    const consul = all['Consul'];
    expect(consul?.Image).toBe('public.ecr.aws/hashicorp/consul:1.20');
    expect(consul?.Command).toEqual(expect.arrayContaining(['agent', '-server', '-bootstrap-expect=1']));
    expect(consul?.HealthCheck.Command.join(' ')).toContain('/v1/status/leader');
  });

  it('logs every container to its own log group kept one month', () => {
    const groups = resourcesOfType(services, 'AWS::Logs::LogGroup');
    expect(Object.keys(groups)).toHaveLength(4);
    for (const group of Object.values(groups)) expect(group.Properties['RetentionInDays']).toBe(30);
    for (const [name, container] of Object.entries(containers(services))) {
      expect(container.LogConfiguration.LogDriver, name).toBe('awslogs');
      const ref = (container.LogConfiguration.Options['awslogs-group'] as { Ref: string }).Ref;
      expect(ref.startsWith(`${name}Logs`), name).toBe(true);
    }
  });

  it('gives the orchestrator the DynamoDB store, Consul, Redis and the API keys as a secret', () => {
    const orchestrator = containers(services)['Orchestrator'];
    const vars = env(orchestrator);
    for (const name of [
      ENV.healingsTable,
      ENV.occurrencesTable,
      ENV.servicesTable,
      ENV.processedTable,
      ENV.controlTable,
      ENV.sourceBucket,
    ]) {
      expect(vars[name], name).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^Homeostasis-dev-Data:/) });
    }
    expect(vars[ENV.consulHttpAddr]).toBe(CONSUL_IN_STACK);
    expect(JSON.stringify(vars[ENV.redisUrl])).toContain('rediss://');
    expect(vars['HOMEOSTASIS_API_HOST']).toBe('0.0.0.0');
    expect(vars['HOMEOSTASIS_API_PORT']).toBe(String(SERVICE_PORTS.api));
    expect(vars['HOMEOSTASIS_API_KEYS']).toBeUndefined();
    expect(orchestrator?.Secrets).toEqual([
      { Name: 'HOMEOSTASIS_API_KEYS', ValueFrom: { Ref: expect.stringMatching(/^ApiKeys/) } },
    ]);
    services.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({
        GenerateStringKey: 'key',
        PasswordLength: 40,
        ExcludePunctuation: true,
      }),
    });
  });

  it("hands applied stage reports on to the pipeline's patch and validate queues, addressed by name", () => {
    const vars = env(containers(services)['Orchestrator']);
    for (const [name, queue] of [
      [ENV.patchQueueUrl, 'homeostasis-dev-patch'],
      [ENV.validateQueueUrl, 'homeostasis-dev-validate'],
    ] as const) {
      expect(vars[name], name).toEqual({
        'Fn::Join': [
          '',
          [
            'https://sqs.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
            '/',
            { Ref: 'AWS::AccountId' },
            `/${queue}`,
          ],
        ],
      });
    }
    // No reference back to the pipeline stack, which refers to this one (Consul, Redis).
    expect(JSON.stringify(services.toJSON())).not.toContain('Homeostasis-dev-Pipeline');
    const sends = Object.entries(resourcesOfType(services, 'AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('OrchestratorTaskTaskRole'))
      .flatMap(([, r]) => (r.Properties['PolicyDocument'] as { Statement: Json[] }).Statement)
      .filter((st) => JSON.stringify(st['Action']).includes('sqs:'));
    expect(sends).toHaveLength(1);
    expect(sends[0]?.['Action']).toBe('sqs:SendMessage');
    const resources = JSON.stringify(sends[0]?.['Resource']);
    expect(resources).toContain(':homeostasis-dev-patch');
    expect(resources).toContain(':homeostasis-dev-validate');
    expect(resources).not.toContain('ingest');
  });

  it('takes an existing key secret instead of generating one', () => {
    existing.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(containers(existing)['Orchestrator']?.Secrets).toEqual([
      { Name: 'HOMEOSTASIS_API_KEYS', ValueFrom: EXISTING.apiKeysSecretArn },
    ]);
  });
});

describe('ServicesStack services', () => {
  it('rolls stateless services out with the circuit breaker and rollback, the Consul server stop-first', () => {
    const all = ecsServices(services);
    for (const [name, props] of Object.entries(all)) {
      const deployment = props['DeploymentConfiguration'] as Json;
      expect(deployment['DeploymentCircuitBreaker'], name).toEqual({ Enable: true, Rollback: true });
      expect(props['LaunchType']).toBe('FARGATE');
      const network = (props['NetworkConfiguration'] as { AwsvpcConfiguration: Json }).AwsvpcConfiguration;
      expect(network['AssignPublicIp'], name).toBe('DISABLED');
      const stateless = name !== 'Consul';
      expect(deployment['MinimumHealthyPercent'], name).toBe(stateless ? 100 : 0);
      expect(deployment['MaximumPercent'], name).toBe(stateless ? 200 : 100);
    }
    const counts = (template: Template) =>
      Object.fromEntries(Object.entries(ecsServices(template)).map(([name, p]) => [name, p['DesiredCount']]));
    expect(counts(services)).toEqual({ Consul: 1, PluginHostjavascript: 1, PluginHostpolyglot: 1, Orchestrator: 1 });
    expect(counts(prod)).toEqual({ Consul: 1, PluginHostjavascript: 2, PluginHostpolyglot: 2, Orchestrator: 2 });
  });

  it('puts each service in its own security group of the network stack', () => {
    const groupOf = (props: Json) =>
      JSON.stringify(
        (props['NetworkConfiguration'] as { AwsvpcConfiguration: Json }).AwsvpcConfiguration['SecurityGroups'],
      );
    const all = ecsServices(services);
    expect(groupOf(all['PluginHostjavascript'] ?? {})).toMatch(/SecurityGroupsPluginHosts/);
    expect(groupOf(all['PluginHostpolyglot'] ?? {})).toMatch(/SecurityGroupsPluginHosts/);
    expect(groupOf(all['Orchestrator'] ?? {})).toMatch(/SecurityGroupsOrchestrator/);
    expect(groupOf(all['Consul'] ?? {})).toMatch(/SecurityGroupsConsul/);
  });

  it('registers the Consul server in Cloud Map, or runs none when an address is given', () => {
    services.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', {
      Name: 'homeostasis-dev.internal',
    });
    services.hasResourceProperties('AWS::ServiceDiscovery::Service', {
      Name: 'consul',
      DnsConfig: Match.objectLike({ DnsRecords: [{ Type: 'A', TTL: 10 }] }),
    });
    expect(Object.keys(ecsServices(existing)).sort()).toEqual([
      'Orchestrator',
      'PluginHostjavascript',
      'PluginHostpolyglot',
    ]);
    existing.resourceCountIs('AWS::ServiceDiscovery::PrivateDnsNamespace', 0);
    existing.resourceCountIs('AWS::ServiceDiscovery::Service', 0);
    for (const container of Object.values(containers(existing))) {
      expect(env(container)[ENV.consulHttpAddr]).toBe(EXISTING.consulAddress);
    }
    existing.hasOutput(SERVICE_OUTPUT_KEYS.consulAddress, { Value: EXISTING.consulAddress });
  });

  it('runs an encrypted ElastiCache Redis in the private subnets, with failover in prod, none when given', () => {
    services.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      Engine: 'redis',
      CacheNodeType: DEV_CONFIG.services?.redis.nodeType,
      NumCacheClusters: 1,
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      Port: SERVICE_PORTS.redis,
      SecurityGroupIds: [{ 'Fn::ImportValue': Match.stringLikeRegexp('SecurityGroupsRedis') }],
    });
    services.hasResourceProperties('AWS::ElastiCache::SubnetGroup', {
      SubnetIds: Match.arrayWith([{ 'Fn::ImportValue': Match.stringLikeRegexp('privateSubnet1') }]),
    });
    prod.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      CacheNodeType: PROD_CONFIG.services?.redis.nodeType,
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
    });
    existing.resourceCountIs('AWS::ElastiCache::ReplicationGroup', 0);
    expect(env(containers(existing)['Orchestrator'])[ENV.redisUrl]).toBe(EXISTING.redisUrl);
  });
});

describe('ServicesStack REST API', () => {
  it('serves the API on an internal HTTP listener by default, forwarding to the orchestrator with /healthz', () => {
    services.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      SecurityGroups: [{ 'Fn::ImportValue': Match.stringLikeRegexp('SecurityGroupsApi') }],
    });
    services.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP' });
    services.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: SERVICE_PORTS.api,
      Protocol: 'HTTP',
      TargetType: 'ip',
      HealthCheckPath: '/healthz',
    });
    const orchestrator = ecsServices(services)['Orchestrator'];
    expect(orchestrator?.['LoadBalancers']).toEqual([
      { ContainerName: 'Main', ContainerPort: SERVICE_PORTS.api, TargetGroupArn: { Ref: expect.any(String) } },
    ]);
  });

  it('serves HTTPS on the internet only with a certificate', () => {
    existing.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internet-facing' });
    existing.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: EXISTING.apiCertificateArn }],
    });
    existing.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    existing.hasOutput(SERVICE_OUTPUT_KEYS.apiUrl, {
      Value: { 'Fn::Join': ['', ['https://', Match.anyValue()]] },
    });
  });

  it('outputs the API URL, the key secret, Consul, Redis and the cluster', () => {
    for (const key of Object.values(SERVICE_OUTPUT_KEYS)) services.hasOutput(key, {});
    services.hasOutput(SERVICE_OUTPUT_KEYS.consulAddress, { Value: CONSUL_IN_STACK });
    services.hasOutput(SERVICE_OUTPUT_KEYS.apiUrl, { Value: { 'Fn::Join': ['', ['http://', Match.anyValue()]] } });
  });
});

describe('ServicesStack permissions', () => {
  it('lets the orchestrator task use the tables and read only the key secret at start, with no wildcards', () => {
    const policies = Object.entries(resourcesOfType(services, 'AWS::IAM::Policy'));
    const statements = (prefix: string) =>
      policies
        .filter(([id]) => id.startsWith(prefix))
        .flatMap(([, r]) => (r.Properties['PolicyDocument'] as { Statement: Json[] }).Statement);
    const actions = (prefix: string) => statements(prefix).flatMap((s) => [s['Action']].flat() as string[]);
    expect(actions('OrchestratorTaskTaskRole')).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
    expect(actions('OrchestratorTaskExecutionRole')).toContain('secretsmanager:GetSecretValue');
    expect(actions('PluginHostjavascriptTaskTaskRole')).toEqual([]);
    // Lambda delivery only to functions tagged for it: the one statement on `*` is held by the tag condition.
    const lambda = statements('OrchestratorTaskTaskRole').filter((st) =>
      ([st['Action']].flat() as string[]).some((a) => a.startsWith('lambda:')),
    );
    expect(lambda).toEqual([
      expect.objectContaining({
        Action: [
          'lambda:GetFunction',
          'lambda:GetFunctionConfiguration',
          'lambda:GetAlias',
          'lambda:UpdateAlias',
          'lambda:PublishVersion',
          'lambda:UpdateFunctionCode',
        ],
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/homeostasis-delivery': 'true' } },
      }),
    ]);
    for (const [, r] of policies) {
      for (const statement of (r.Properties['PolicyDocument'] as { Statement: Json[] }).Statement) {
        for (const action of [statement['Action']].flat() as string[]) expect(action).not.toMatch(/^\*$|:\*$/);
      }
    }
  });
});

describe('PipelineStack with the services', () => {
  const functions = (template: Template) =>
    Object.values(resourcesOfType(template, 'AWS::Lambda::Function')).map((r) => r.Properties);

  it('runs the stage functions in the private subnets with the stages group, told where Consul and Redis are', () => {
    const all = functions(dev.pipeline);
    expect(all).toHaveLength(4);
    for (const fn of all) {
      const vpc = fn['VpcConfig'] as { SecurityGroupIds: unknown[]; SubnetIds: unknown[] };
      expect(JSON.stringify(vpc.SecurityGroupIds)).toMatch(/SecurityGroupsStages/);
      expect(JSON.stringify(vpc.SubnetIds)).toMatch(/privateSubnet1.*privateSubnet2/);
      const vars = (fn['Environment'] as { Variables: Json }).Variables;
      expect(vars[ENV.consulHttpAddr]).toBe(CONSUL_IN_STACK);
      expect(JSON.stringify(vars[ENV.redisUrl])).toMatch(/Homeostasis-dev-Services:.*PrimaryEndPoint/);
      expect(vars[ENV.controlTable]).toBeDefined();
    }
    for (const fn of functions(existingPipeline)) {
      const vars = (fn['Environment'] as { Variables: Json }).Variables;
      expect(vars[ENV.consulHttpAddr]).toBe(EXISTING.consulAddress);
      expect(vars[ENV.redisUrl]).toBe(EXISTING.redisUrl);
    }
  });
});
