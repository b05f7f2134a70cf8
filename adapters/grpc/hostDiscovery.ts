import Consul from 'consul';
import { z } from 'zod';
import { DiscoveryError } from './remotePluginErrors.ts';

/** Where the plugin hosts are: `host:port` of each healthy instance. */
export interface HostDiscovery {
  /**
   * With `language`, only the instances serving it: a host tags its Consul registration with its languages
   * (services/plugin-host/pluginHost.ts), so a deployment may run one host group per set of languages.
   */
  healthyHosts(language?: string): Promise<string[]>;
  /** Forget the cached answers (a host just failed). */
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

/**
 * Discovery answers shared by every process of a deployment (adapters/redis/discoveryCache.ts). A Lambda container's
 * own cache dies with it and a cold one starts empty; a shared one lets a burst of cold containers ask Consul once.
 * It must never fail a lookup: `get` answers null when it cannot say, `put`/`forget` swallow their failures.
 */
export interface SharedHostCache {
  get(key: string): Promise<string[] | null>;
  put(key: string, hosts: readonly string[]): Promise<void>;
  forget(key: string): Promise<void>;
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
  /** @default 2000 – a Consul agent answers in milliseconds; longer is a stuck agent, and the caller falls back. */
  queryTimeoutMs?: number;
  /** Asked before Consul, and told Consul's answers. @default none */
  shared?: SharedHostCache;
  now?: () => number;
}

interface CachedAnswer {
  hosts: string[];
  at: number;
  fresh: boolean;
}

/**
 * Healthy instances from Consul's health API (`passing` only, by language tag when asked), cached briefly per
 * language, one query in flight per language at a time; a shared cache, when given, is asked before Consul.
 */
export class ConsulDiscovery implements HostDiscovery {
  private readonly consul: Consul;
  private readonly cached = new Map<string, CachedAnswer>();
  private readonly inFlight = new Map<string, Promise<string[]>>();
  private readonly now: () => number;

  constructor(private readonly options: ConsulDiscoveryOptions) {
    const url = new URL(options.consulAddress);
    this.consul = new Consul({ host: url.hostname, port: Number(url.port || 8500) });
    this.now = options.now ?? Date.now;
  }

  async healthyHosts(language?: string): Promise<string[]> {
    const key = language ? `${this.options.serviceName}#${language}` : this.options.serviceName;
    const cached = this.cached.get(key);
    if (cached?.fresh && this.now() - cached.at < (this.options.cacheTtlMs ?? 1_000)) return cached.hosts;
    let query = this.inFlight.get(key);
    if (!query) {
      query = this.query(key, language).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, query);
    }
    return query;
  }

  invalidate(): void {
    for (const [key, answer] of this.cached) {
      answer.fresh = false;
      void this.options.shared?.forget(key);
    }
  }

  private async query(key: string, language: string | undefined): Promise<string[]> {
    const shared = await this.options.shared?.get(key);
    if (shared) {
      this.cached.set(key, { hosts: shared, at: this.now(), fresh: true });
      return shared;
    }
    try {
      const request: ServiceQuery = {
        service: this.options.serviceName,
        passing: true,
        timeout: this.options.queryTimeoutMs ?? 2_000,
        ...(language ? { tag: language } : {}),
      };
      const entries: unknown[] = await this.consul.health.service(request);
      const hosts = entries.flatMap(addressOf);
      this.cached.set(key, { hosts, at: this.now(), fresh: true });
      await this.options.shared?.put(key, hosts);
      return hosts;
    } catch (error) {
      const stale = this.cached.get(key);
      if (stale && this.now() - stale.at < (this.options.staleTtlMs ?? 30_000)) return stale.hosts;
      throw new DiscoveryError(`Consul did not answer for ${key}`, { cause: error });
    }
  }
}

/** consul's typings leave out `timeout`, which its request layer honours (lib/utils.js `options`: req.timeout). */
interface ServiceQuery {
  service: string;
  passing: boolean;
  tag?: string;
  timeout?: number;
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
