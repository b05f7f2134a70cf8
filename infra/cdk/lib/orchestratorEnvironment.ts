import { CONSUL_SERVICE_NAMES, ENV, SERVICE_PORTS } from './contract.ts';
import { dataEnvironment, type HomeostasisData } from './dataStack.ts';

export interface OrchestratorEnvironmentInput {
  readonly data: HomeostasisData;
  readonly consulAddress: string;
  readonly redisUrl: string;
  /** Environment name written into decisions and limits (`dev`, `prod`). */
  readonly environment: string;
  /** URLs of the pipeline's patch and validate queues: where an applied stage report hands the healing on. */
  readonly handOff: { readonly patchQueueUrl: string; readonly validateQueueUrl: string };
}

/**
 * The orchestrator container's environment (services/orchestrator/config.ts and services/api/apiConfig.ts read
 * it): the DynamoDB store, its gRPC server registered in Consul, the pipeline queues a stage report hands on to, and
 * the REST API on all interfaces of the task.
 * ADVERTISE_HOST comes from the task metadata at start (serviceContainer.entryWithTaskAddress), the API keys from
 * a secret.
 */
export function orchestratorEnvironment(input: OrchestratorEnvironmentInput): Record<string, string> {
  const { data } = input;
  return {
    HOST: '0.0.0.0',
    PORT: String(SERVICE_PORTS.orchestrator),
    SERVICE_NAME: CONSUL_SERVICE_NAMES.orchestrator,
    STORE: 'dynamodb',
    ...dataEnvironment(data),
    [ENV.consulHttpAddr]: input.consulAddress,
    [ENV.redisUrl]: input.redisUrl,
    [ENV.patchQueueUrl]: input.handOff.patchQueueUrl,
    [ENV.validateQueueUrl]: input.handOff.validateQueueUrl,
    HOMEOSTASIS_ENVIRONMENT: input.environment,
    HOMEOSTASIS_API_HOST: '0.0.0.0',
    HOMEOSTASIS_API_PORT: String(SERVICE_PORTS.api),
  };
}
