import type { Logger } from '@aws-lambda-powertools/logger';
import * as grpc from '@grpc/grpc-js';
import { riskPolicyFor } from '../../core/approve/riskPolicy.ts';
import { HealingDesk } from '../../core/operate/healingDesk.ts';
import { type ConsulRegistration, serveAndRegister } from '../shared/consulRegistration.ts';
import { HealthState } from '../shared/healthService.ts';
import { loadProtos } from '../shared/protoLoader.ts';
import type { OrchestratorConfig } from './config.ts';
import { type DeliveryWiring, wireDelivery } from './deliveryWiring.ts';
import { type DeskWiring, wireDesk } from './deskWiring.ts';
import { type OpenWatch, orchestratorHandlers } from './orchestratorHandlers.ts';

/** The fully-qualified name health checks ask about. */
export const ORCHESTRATOR_SERVICE = 'homeostasis.v1.Orchestrator';

/**
 * The seam for the REST API (services/api): a starter the process calls with the same desk once gRPC serves, and
 * whose `close` shutdown awaits after the gRPC side stopped taking new work.
 */
export type HttpStarter = (desk: HealingDesk) => Promise<{ port: number; close(): Promise<void> }>;

/**
 * The orchestrator process: the gRPC Orchestrator over a HealingDesk on the configured store, the standard health
 * service, a Consul registration checked through it, and optionally the REST API on the same desk.
 */
export class Orchestrator {
  readonly health = new HealthState([ORCHESTRATOR_SERVICE]);
  readonly desk: HealingDesk;
  private readonly server = new grpc.Server();
  private readonly wiring: DeskWiring;
  private readonly watches = new Set<OpenWatch>();
  private registration: ConsulRegistration | null = null;
  private http: { port: number; close(): Promise<void> } | null = null;
  private boundPort: number | null = null;
  private stopping = false;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  /** The delivery sweep (STORE=dynamodb with a services table and DELIVERY_SWEEP_MS > 0); null when off. */
  private readonly delivery: DeliveryWiring | null;
  private deliveryTimer: NodeJS.Timeout | null = null;
  private deliverySweeping: Promise<void> | null = null;

  constructor(
    private readonly config: OrchestratorConfig,
    private readonly logger: Logger,
    private readonly startHttp?: HttpStarter,
  ) {
    this.wiring = wireDesk(config.store, {
      watchIntervalMs: config.watchIntervalMs,
      riskPolicy: (environment) => {
        const policy = riskPolicyFor(environment);
        return { ...policy, criticalPaths: [...policy.criticalPaths, ...config.criticalPaths] };
      },
    });
    this.delivery = this.wireDelivery();
    // The desk steers deliveries (resume, roll back) through the sweep that runs them.
    this.desk = new HealingDesk({
      ...this.wiring.deps,
      ...(this.delivery ? { deliveries: this.delivery.sweeper } : {}),
    });
    const protos = loadProtos();
    this.server.addService(
      protos.orchestrator,
      orchestratorHandlers(this.desk, {
        callDelayMs: config.callDelayMs,
        stopping: () => this.stopping,
        watches: this.watches,
        onError: (method, error) => this.logger.warn('call failed', { method, error }),
      }),
    );
    this.server.addService(protos.health, this.health.handlers);
  }

  get port(): number {
    if (this.boundPort === null) throw new Error('orchestrator not started');
    return this.boundPort;
  }

  /** Binds, marks SERVING, registers (Consul's first check must find the server answering), then starts HTTP. */
  async start(): Promise<number> {
    const served = await serveAndRegister(this.server, this.health, this.config, {
      meta: { environment: this.config.environment },
    });
    this.boundPort = served.port;
    this.registration = served.registration;
    if (this.startHttp) this.http = await this.startHttp(this.desk);
    if (this.config.approvalSweepMs > 0) {
      this.sweepTimer = setInterval(() => this.sweepApprovals(), this.config.approvalSweepMs);
    }
    if (this.delivery) {
      this.deliveryTimer = setInterval(() => this.sweepDeliveries(), this.config.delivery.sweepMs);
    }
    this.logger.info('orchestrator serving', {
      host: this.config.host,
      port: this.boundPort,
      httpPort: this.http?.port ?? null,
      serviceId: this.registration?.serviceId ?? null,
      ...this.wiring.description,
      deliverySweepMs: this.delivery ? this.config.delivery.sweepMs : 0,
    });
    return this.boundPort;
  }

  /**
   * NOT_SERVING first (callers that check health stop choosing us), deregister, refuse new calls, end open watch
   * streams with UNAVAILABLE and their resume point (a watch lasts as long as its healing: waiting for it would
   * hold shutdown for hours), stop HTTP, let in-flight unary calls finish for up to DRAIN_TIMEOUT_MS and cancel
   * what is left, then close the store.
   */
  async shutdown(): Promise<{ drained: boolean }> {
    this.health.setStatus('NOT_SERVING');
    this.logger.info('health NOT_SERVING');
    if (this.registration) {
      await this.registration.deregister().catch((error: unknown) => this.logger.error('deregister failed', { error }));
      this.logger.info('deregistered', { serviceId: this.registration.serviceId });
    }
    this.stopping = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.sweeping;
    // Runs alongside the gRPC drain, within the same DRAIN_TIMEOUT_MS (ECS kills the task 30 s after SIGTERM).
    const deliveriesStopped = this.stopDeliveries();
    const watches = [...this.watches];
    for (const open of watches) open.end('the orchestrator is shutting down');
    this.logger.info('ended watch streams', { count: watches.length });
    if (this.http) {
      await this.http.close().catch((error: unknown) => this.logger.error('HTTP close failed', { error }));
    }
    const drained = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve(false);
      }, this.config.drainTimeoutMs);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    this.logger.info(drained ? 'drained in-flight calls' : 'drain timed out: cancelled in-flight calls', {
      drainTimeoutMs: this.config.drainTimeoutMs,
    });
    await deliveriesStopped;
    this.delivery?.close();
    this.wiring.close();
    return { drained };
  }

  /** One pass of HealingDesk.requestPendingApprovals; a pass still running when the next is due is not doubled. */
  private sweepApprovals(): void {
    if (this.sweeping || this.stopping) return;
    this.sweeping = this.desk
      .requestPendingApprovals()
      .then(
        ({ asked, failed }) => {
          if (asked.length > 0) this.logger.info('asked for approval', { healings: asked });
          for (const f of failed) this.logger.warn('approval request failed', { healingId: f.id, error: f.message });
        },
        (error: unknown) => this.logger.error('approval sweep failed', { error }),
      )
      .finally(() => {
        this.sweeping = null;
      });
  }

  /** The delivery sweep when the store is DynamoDB, a services table is named and DELIVERY_SWEEP_MS > 0. */
  private wireDelivery(): DeliveryWiring | null {
    const { delivery, store } = this.config;
    const control = this.wiring.deps.control;
    if (store.kind !== 'dynamodb' || delivery.sweepMs === 0 || !delivery.servicesTable || !control) return null;
    return wireDelivery({
      store: this.wiring.deps.store,
      control,
      servicesTable: delivery.servicesTable,
      concurrency: delivery.concurrency,
      orphanMarginMs: delivery.orphanMarginMs,
      environment: this.config.environment,
      log: (level, message, fields) => this.logger[level](message, fields),
    });
  }

  /**
   * One delivery pass (core/deliver/deliverySweep.ts): starts deliveries in the background and looks at delivered
   * healings; a pass still running when the next is due is not doubled.
   */
  async sweepDeliveries(): Promise<void> {
    if (!this.delivery || this.deliverySweeping || this.stopping) return;
    this.deliverySweeping = this.delivery.sweeper
      .sweep()
      .then(
        ({ started, deferred, failed }) => {
          if (started.length > 0) this.logger.info('deliveries started', { healings: started });
          if (deferred.length > 0) this.logger.info('deliveries deferred (concurrency cap)', { healings: deferred });
          for (const f of failed) this.logger.warn('delivery sweep failed', { healingId: f.id, error: f.message });
        },
        (error: unknown) => this.logger.error('delivery sweep failed', { error }),
      )
      .finally(() => {
        this.deliverySweeping = null;
      });
    await this.deliverySweeping;
  }

  /**
   * No new deliveries; those in flight hold at their next kill-switch check (one poll) and roll back, since a canary
   * left without its controller runs unjudged. Waits up to DRAIN_TIMEOUT_MS for them.
   */
  private async stopDeliveries(): Promise<void> {
    if (!this.delivery) return;
    if (this.deliveryTimer) clearInterval(this.deliveryTimer);
    await this.deliverySweeping;
    const { sweeper } = this.delivery;
    sweeper.stop();
    const inFlight = sweeper.inFlight;
    if (inFlight.length === 0) return;
    this.logger.info('holding deliveries in flight', { healings: inFlight });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.config.drainTimeoutMs);
    });
    await Promise.race([sweeper.settled(), timeout]);
    clearTimeout(timer);
  }
}
