import { Logger } from '@aws-lambda-powertools/logger';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { SharedHostCache } from '../grpc/hostDiscovery.ts';

export interface RedisDiscoveryCacheOptions {
  /**
   * @default 2000 – two rounds of the hosts' 1 s Consul checks: a host that died is out of Consul's `passing` answer
   * within about one round, and a caller that meets it dead drops the shared answer at once (`forget`).
   */
  ttlMs?: number;
  /** @default 'homeostasis:discovery:' */
  keyPrefix?: string;
  logger?: Logger;
}

export interface DiscoveryCacheStats {
  hits: number;
  misses: number;
  /** Commands that failed (Redis down, slow or answering garbage): each was a miss, never an error. */
  failures: number;
}

const HostList = z.array(z.string().min(1));

/**
 * Plugin host discovery answers shared through Redis by every process of a deployment. A Lambda container's own
 * cache dies with it; with this one, a burst of cold containers asks Consul about once per TTL instead of once each.
 * Redis down, slow or wrong means "not cached": the caller asks Consul. Nothing here ever throws.
 */
export class RedisDiscoveryCache implements SharedHostCache {
  private readonly ttlMs: number;
  private readonly prefix: string;
  private readonly logger: Logger;
  private available = true;
  private readonly counts: DiscoveryCacheStats = { hits: 0, misses: 0, failures: 0 };

  constructor(
    private readonly redis: Redis,
    options: RedisDiscoveryCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 2_000;
    this.prefix = options.keyPrefix ?? 'homeostasis:discovery:';
    this.logger = options.logger ?? new Logger({ serviceName: 'discovery-cache' });
  }

  get stats(): DiscoveryCacheStats {
    return { ...this.counts };
  }

  async get(key: string): Promise<string[] | null> {
    const raw = await this.attempt(() => this.redis.get(this.prefix + key));
    const parsed = typeof raw === 'string' ? HostList.safeParse(parseJson(raw)) : null;
    if (parsed?.success) {
      this.counts.hits++;
      return parsed.data;
    }
    this.counts.misses++;
    return null;
  }

  async put(key: string, hosts: readonly string[]): Promise<void> {
    await this.attempt(() => this.redis.set(this.prefix + key, JSON.stringify(hosts), 'PX', this.ttlMs));
  }

  async forget(key: string): Promise<void> {
    await this.attempt(() => this.redis.del(this.prefix + key));
  }

  /** Runs one command; a failure is counted and logged once per outage, and answers undefined. */
  private async attempt<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await command();
      if (!this.available) this.logger.info('discovery cache: Redis answering again');
      this.available = true;
      return result;
    } catch (error) {
      this.counts.failures++;
      if (this.available) {
        this.logger.warn('discovery cache: Redis not answering; asking Consul directly', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      this.available = false;
      return undefined;
    }
  }
}

/**
 * A Redis connection for caches that must never hold a caller up: every command gives up after 250 ms (a Redis in
 * the same VPC answers in about 1 ms), a command waits for a (re)connection only that long, and the connection is
 * made on first use, so a process that never asks never connects.
 */
export function connectCacheRedis(url: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    commandTimeout: 250,
    maxRetriesPerRequest: 1,
    // Keep reconnecting in the background, at most once a second, for as long as the process lives.
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  });
  // Without a listener ioredis prints every connection error; the cache logs one line per outage instead.
  redis.on('error', () => {});
  return redis;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
