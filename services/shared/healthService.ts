import * as grpc from '@grpc/grpc-js';

/** grpc.health.v1 serving statuses, as @grpc/proto-loader spells enums (`enums: String`). */
export type ServingStatus = 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

interface HealthCheckRequest {
  service: string;
}
interface HealthCheckResponse {
  status: ServingStatus;
}

type Watcher = (status: ServingStatus) => void;

/**
 * The standard health service (grpc/health/v1/health.proto). State is kept apart from transport: `setStatus` is
 * what the lifecycle calls; `handlers` is what the server mounts. The empty service name is the whole server.
 */
export class HealthState {
  private readonly statuses = new Map<string, ServingStatus>();
  private readonly watchers = new Map<string, Set<Watcher>>();

  constructor(services: readonly string[], initial: ServingStatus = 'NOT_SERVING') {
    for (const service of ['', ...services]) this.statuses.set(service, initial);
  }

  setStatus(status: ServingStatus): void {
    for (const service of this.statuses.keys()) {
      this.statuses.set(service, status);
      for (const watch of this.watchers.get(service) ?? []) watch(status);
    }
  }

  statusOf(service: string): ServingStatus {
    return this.statuses.get(service) ?? 'SERVICE_UNKNOWN';
  }

  get handlers(): grpc.UntypedServiceImplementation {
    return {
      Check: (
        call: grpc.ServerUnaryCall<HealthCheckRequest, HealthCheckResponse>,
        callback: grpc.sendUnaryData<HealthCheckResponse>,
      ) => {
        const status = this.statuses.get(call.request.service);
        if (!status) callback({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` });
        else callback(null, { status });
      },
      List: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const statuses = Object.fromEntries([...this.statuses].map(([name, status]) => [name, { status }]));
        callback(null, { statuses });
      },
      Watch: (call: grpc.ServerWritableStream<HealthCheckRequest, HealthCheckResponse>) => {
        const service = call.request.service;
        const watch: Watcher = (status) => call.write({ status });
        const set = this.watchers.get(service) ?? new Set<Watcher>();
        this.watchers.set(service, set.add(watch));
        call.on('cancelled', () => set.delete(watch));
        call.on('close', () => set.delete(watch));
        watch(this.statusOf(service));
      },
    };
  }
}
