import type * as grpc from '@grpc/grpc-js';
import { ServerCredentials } from '@grpc/grpc-js';
import Consul from 'consul';
import type { HealthState } from './healthService.ts';

/** Base error of Consul registration. */
export class RegistrationError extends Error {
  override name = 'RegistrationError';
}

export interface RegistrationOptions {
  /** `http://127.0.0.1:8500` */
  consulAddress: string;
  serviceName: string;
  /** The address other processes dial, and the port the server bound. */
  host: string;
  port: number;
  tags?: readonly string[];
  meta?: Record<string, string>;
  /** @default '1s' – Consul runs the gRPC health check this often; a killed host turns critical within it. */
  checkInterval?: string;
  /** @default '1s' */
  checkTimeout?: string;
  /**
   * @default '1m' (Consul's minimum): a host killed without deregistering is reaped after this long; until then
   * its critical check keeps it out of `passing` answers.
   */
  deregisterCriticalAfter?: string;
}

/** One instance of a service in Consul's agent catalog, checked through the standard gRPC health service. */
export class ConsulRegistration {
  readonly serviceId: string;
  private readonly consul: Consul;

  constructor(private readonly options: RegistrationOptions) {
    const url = new URL(options.consulAddress);
    this.consul = new Consul({ host: url.hostname, port: Number(url.port || 8500) });
    this.serviceId = `${options.serviceName}-${options.host}-${options.port}`;
  }

  async register(): Promise<void> {
    const { host, port } = this.options;
    try {
      await this.consul.agent.service.register({
        name: this.options.serviceName,
        id: this.serviceId,
        address: host,
        port,
        tags: [...(this.options.tags ?? [])],
        meta: this.options.meta ?? {},
        check: {
          name: `${this.options.serviceName} gRPC health`,
          grpc: `${host}:${port}`,
          grpcusetls: false,
          interval: this.options.checkInterval ?? '1s',
          timeout: this.options.checkTimeout ?? '1s',
          deregistercriticalserviceafter: this.options.deregisterCriticalAfter ?? '1m',
        },
      });
    } catch (error) {
      throw new RegistrationError(`cannot register ${this.serviceId} with Consul`, { cause: error });
    }
  }

  async deregister(): Promise<void> {
    try {
      await this.consul.agent.service.deregister(this.serviceId);
    } catch (error) {
      throw new RegistrationError(`cannot deregister ${this.serviceId} from Consul`, { cause: error });
    }
  }
}

/** Where a gRPC server binds and how it is found: the part of every service's configuration this module reads. */
export interface ServingAddress {
  host: string;
  port: number;
  advertiseHost: string;
  consulAddress: string | null;
  serviceName: string;
}

/**
 * Binds `server`, marks it SERVING, then registers it in Consul when an address is configured (Consul's first check
 * must find the server answering). Returns the bound port (0 in the configuration picks a free one).
 */
export async function serveAndRegister(
  server: grpc.Server,
  health: HealthState,
  address: ServingAddress,
  extra: Pick<RegistrationOptions, 'tags' | 'meta'> = {},
): Promise<{ port: number; registration: ConsulRegistration | null }> {
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${address.host}:${address.port}`, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  health.setStatus('SERVING');
  if (!address.consulAddress) return { port, registration: null };
  const registration = new ConsulRegistration({
    consulAddress: address.consulAddress,
    serviceName: address.serviceName,
    host: address.advertiseHost,
    port,
    ...extra,
  });
  await registration.register();
  return { port, registration };
}
