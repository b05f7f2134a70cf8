import { type AwsClients, createAwsClients } from '../../adapters/aws/awsClients.ts';
import { DynamoClaimStore } from '../../adapters/aws/dynamoClaimStore.ts';
import { DynamoControlStore } from '../../adapters/aws/dynamoControlStore.ts';
import { DynamoHealingStore } from '../../adapters/aws/dynamoHealingStore.ts';
import { DynamoIdempotency } from '../../adapters/aws/dynamoIdempotency.ts';
import { DynamoServiceRegistry } from '../../adapters/aws/dynamoServiceRegistry.ts';
import { DynamoTrackRecords } from '../../adapters/aws/dynamoTrackRecords.ts';
import { ServiceSource } from '../../adapters/aws/serviceSource.ts';
import { ConsulDiscovery } from '../../adapters/grpc/hostDiscovery.ts';
import { RemotePluginClient } from '../../adapters/grpc/remotePluginClient.ts';
import { connectCacheRedis, RedisDiscoveryCache } from '../../adapters/redis/discoveryCache.ts';
import type { TrackRecordStore } from '../../core/approve/approvalTypes.ts';
import { MemoryTrackRecords } from '../../core/approve/memoryTrackRecords.ts';
import type { IngestLimits } from '../../core/limits/admitHealing.ts';
import { limitPolicyFor } from '../../core/limits/limitPolicy.ts';
import { InProcessPluginService } from '../../core/plugin/inProcessPluginService.ts';
import type { PluginRegistry } from '../../core/plugin/pluginRegistry.ts';
import type { PluginService } from '../../core/plugin/pluginService.ts';
import { CONSUL_SERVICE_NAMES } from '../../infra/cdk/lib/contract.ts';
import { createRegistry } from '../../plugins/index.ts';
import { type FunctionConfig, functionConfig } from './config.ts';

/** Everything a stage needs, built once per container (clients and the rule index are reused across invocations). */
export interface PipelineDeps {
  config: FunctionConfig;
  clients: AwsClients;
  store: DynamoHealingStore;
  claims: DynamoClaimStore;
  idempotency: DynamoIdempotency;
  services: DynamoServiceRegistry;
  source: ServiceSource;
  registry: PluginRegistry;
  /** Plugin hosts found through Consul when the stack names one, with the registry as fallback; else in process. */
  plugins: PluginService;
  /** Rules' track records (the risk score reads them) in the control table; in memory without one. */
  trackRecords: TrackRecordStore;
  /** Attempts, cool-downs and hourly budgets (core/limits) in the control table; none without one. */
  limits: IngestLimits | null;
}

let cached: PipelineDeps | null = null;

export function pipelineDeps(): PipelineDeps {
  if (cached) return cached;
  const config = functionConfig();
  const clients = createAwsClients();
  const registry = createRegistry();
  let plugins: PluginService | null = null;
  cached = {
    config,
    clients,
    store: new DynamoHealingStore(clients.dynamo, config.tables),
    claims: new DynamoClaimStore(clients.dynamo, config.tables.occurrences),
    idempotency: new DynamoIdempotency(clients.dynamo, config.tables.processed),
    services: new DynamoServiceRegistry(clients.dynamo, config.tables.services),
    source: new ServiceSource({ s3: clients.s3, secrets: clients.secrets }),
    registry,
    trackRecords: config.controlTable
      ? new DynamoTrackRecords(clients.dynamo, config.controlTable)
      : new MemoryTrackRecords(),
    limits: config.controlTable
      ? {
          control: new DynamoControlStore(clients.dynamo, config.controlTable),
          policy: limitPolicyFor(config.environment),
        }
      : null,
    // Built on first use: ingest never asks a plugin host, so it loads no protos and opens no connection.
    get plugins() {
      plugins ??= pluginService(config, registry);
      return plugins;
    },
  };
  return cached;
}

/**
 * With a Consul address the stages call the plugin hosts (passing instances, breaker, deadlines, retries) and fall
 * back to the registry in this process when none answers; Redis, when configured, shares the discovery answers
 * across containers. The gRPC channels and the Redis connection live as long as the container.
 */
function pluginService(config: FunctionConfig, registry: PluginRegistry): PluginService {
  const local = new InProcessPluginService(registry);
  if (!config.consulAddress) return local;
  const shared = config.redisUrl ? new RedisDiscoveryCache(connectCacheRedis(config.redisUrl)) : undefined;
  return new RemotePluginClient({
    discovery: new ConsulDiscovery({
      consulAddress: config.consulAddress,
      serviceName: CONSUL_SERVICE_NAMES.pluginHost,
      ...(shared ? { shared } : {}),
    }),
    fallback: local,
  });
}
