import { type AwsClients, createAwsClients } from '../../adapters/aws/awsClients.ts';
import { DynamoClaimStore } from '../../adapters/aws/dynamoClaimStore.ts';
import { DynamoHealingStore } from '../../adapters/aws/dynamoHealingStore.ts';
import { DynamoIdempotency } from '../../adapters/aws/dynamoIdempotency.ts';
import { DynamoServiceRegistry } from '../../adapters/aws/dynamoServiceRegistry.ts';
import { ServiceSource } from '../../adapters/aws/serviceSource.ts';
import type { PluginRegistry } from '../../core/plugin/pluginRegistry.ts';
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
}

let cached: PipelineDeps | null = null;

export function pipelineDeps(): PipelineDeps {
  if (cached) return cached;
  const config = functionConfig();
  const clients = createAwsClients();
  cached = {
    config,
    clients,
    store: new DynamoHealingStore(clients.dynamo, config.tables),
    claims: new DynamoClaimStore(clients.dynamo, config.tables.occurrences),
    idempotency: new DynamoIdempotency(clients.dynamo, config.tables.processed),
    services: new DynamoServiceRegistry(clients.dynamo, config.tables.services),
    source: new ServiceSource({ s3: clients.s3, secrets: clients.secrets }),
    registry: createRegistry(),
  };
  return cached;
}
