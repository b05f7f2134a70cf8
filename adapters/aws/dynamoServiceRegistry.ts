import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ServiceRegistry } from '../../core/pipeline/pipelinePorts.ts';
import { type ServiceConfig, ServiceConfigSchema } from '../../core/pipeline/serviceConfig.ts';

export class ServiceRecordError extends Error {
  override name = 'ServiceRecordError';
}

/** The services table: one item per service (pk `service`), validated with the same schema on write and read. */
export class DynamoServiceRegistry implements ServiceRegistry {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(service: string): Promise<ServiceConfig | null> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { service }, ConsistentRead: true }));
    if (!out.Item) return null;
    const parsed = ServiceConfigSchema.safeParse(out.Item);
    if (!parsed.success) {
      throw new ServiceRecordError(
        `service '${service}' has an invalid registry item: ${parsed.error.issues[0]?.message}`,
      );
    }
    return parsed.data;
  }

  async put(config: ServiceConfig): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: ServiceConfigSchema.parse(config) }));
  }
}
