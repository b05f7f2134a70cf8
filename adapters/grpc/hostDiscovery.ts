import Consul from 'consul';
import { z } from 'zod';
import { DiscoveryError } from './remotePluginErrors.ts';

/** Where the plugin hosts are: `host:port` of each healthy instance. */
export interface HostDiscovery {
  healthyHosts(): Promise<string[]>;
  /** Forget the cached answer (a host just failed). */
  invalidate(): void;
}

/** A fixed list (a bench, or a deployment without Consul). */
export class StaticDiscovery implements HostDiscovery {
  constructor(private readonly hosts: readonly string[]) {}
  async healthyHosts(): Promise<string[]> {
    return [...this.hosts];
  }
  invalidate(): void {}
}

export interface ConsulDiscoveryOptions {
  /** `http://127.0.0.1:8500` */
  consulAddress: string;
  serviceName: string;
  /**
   * @default 1000 – the hosts' Consul checks run every second (services/shared/consulRegistration.ts), so a
   * fresher answer than that tells nothing new, while 100 concurrent callers share one query.
   */
  cacheTtlMs?: number;
  /** @default 30 000 – when Consul does not answer, the last answer is used for this long. */
  staleTtlMs?: number;
  now?: () => number;
}

interface CachedAnswer {
  hosts: string[];
  at: number;
}

/** Healthy instances from Consul's health API (`passing` only), cached briefly, one query in flight at a time. */
export class ConsulDiscovery implements HostDiscovery {
  private readonly consul: Consul;
  private cached: CachedAnswer | null = null;
  private fresh = false;
  private inFlight: Promise<string[]> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: ConsulDiscoveryOptions) {
    const url = new URL(options.consulAddress);
    this.consul = new Consul({ host: url.hostname, port: Number(url.port || 8500) });
    this.now = options.now ?? Date.now;
  }

  async healthyHosts(): Promise<string[]> {
    const cached = this.cached;
    if (cached && this.fresh && this.now() - cached.at < (this.options.cacheTtlMs ?? 1_000)) return cached.hosts;
    this.inFlight ??= this.query().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  invalidate(): void {
    this.fresh = false;
  }

  private async query(): Promise<string[]> {
    try {
      const entries: unknown[] = await this.consul.health.service({ service: this.options.serviceName, passing: true });
      const hosts = entries.flatMap(addressOf);
      this.cached = { hosts, at: this.now() };
      this.fresh = true;
      return hosts;
    } catch (error) {
      const stale = this.cached;
      if (stale && this.now() - stale.at < (this.options.staleTtlMs ?? 30_000)) return stale.hosts;
      throw new DiscoveryError(`Consul did not answer for ${this.options.serviceName}`, { cause: error });
    }
  }
}

const HealthEntry = z.object({
  Node: z.object({ Address: z.string() }),
  Service: z.object({ Address: z.string(), Port: z.number().int().positive() }),
});

/** A health entry's service address, or its node's when the service registered none (Consul's convention). */
function addressOf(entry: unknown): string[] {
  const parsed = HealthEntry.safeParse(entry);
  if (!parsed.success) return [];
  const { Node, Service } = parsed.data;
  return [`${Service.Address || Node.Address}:${Service.Port}`];
}
