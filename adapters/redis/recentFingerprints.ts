import { Redis } from 'ioredis';
import type { RecentFingerprints } from '../../core/pipeline/pipelinePorts.ts';

export interface RecentFingerprintStats {
  /** Lookups answered with a remembered healing. */
  hits: number;
  misses: number;
  /** Commands not sent or not answered (Redis down, slow, reconnecting): each was a miss, never an error. */
  fallbacks: number;
}

export interface RedisRecentFingerprintsOptions {
  /** @default 'homeostasis:busy:' */
  keyPrefix?: string;
  /** Called on the first failure of an outage and when Redis answers again (one log line each, not one per call). */
  onAvailability?(available: boolean, error?: Error): void;
}

/**
 * The ingest stage's short-window memory of busy healings (core/pipeline/recentSkip.ts) in Redis, shared by every
 * ingest container: key `<prefix><fingerprint>` (a hex digest computed by us, never log text) → healing id, with a
 * PX expiry. Redis is only a shortcut: down, slow or reconnecting means "not remembered", and ingest reads
 * DynamoDB as it would without Redis. Nothing here throws.
 */
export class RedisRecentFingerprints implements RecentFingerprints {
  private readonly prefix: string;
  private available = true;
  private readonly counts: RecentFingerprintStats = { hits: 0, misses: 0, fallbacks: 0 };

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisRecentFingerprintsOptions = {},
  ) {
    this.prefix = options.keyPrefix ?? 'homeostasis:busy:';
  }

  get stats(): RecentFingerprintStats {
    return { ...this.counts };
  }

  async busyHealingOf(fingerprint: string): Promise<string | null> {
    const id = await this.attempt(() => this.redis.get(this.prefix + fingerprint));
    if (typeof id === 'string' && id !== '') {
      this.counts.hits++;
      return id;
    }
    this.counts.misses++;
    return null;
  }

  async rememberBusy(fingerprint: string, healingId: string, forMs: number): Promise<void> {
    if (forMs <= 0) return;
    await this.attempt(() => this.redis.set(this.prefix + fingerprint, healingId, 'PX', Math.ceil(forMs)));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private async attempt<T>(command: () => Promise<T>): Promise<T | undefined> {
    // Not connected: do not even try (the offline queue is off, the command would fail at once anyway).
    if (this.redis.status !== 'ready') return this.failed(new Error(`Redis connection is ${this.redis.status}`));
    try {
      const result = await command();
      if (!this.available) {
        this.available = true;
        this.options.onAvailability?.(true);
      }
      return result;
    } catch (error) {
      return this.failed(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private failed(error: Error): undefined {
    this.counts.fallbacks++;
    if (this.available) {
      this.available = false;
      this.options.onAvailability?.(false, error);
    }
    return undefined;
  }
}

/**
 * A Redis connection that never holds a batch up: connected when made (a Lambda cold start), no offline queue (a
 * command while disconnected fails at once instead of waiting), 100 ms per command (Redis in the same VPC answers
 * in ~1 ms; DynamoDB, the fallback, in ~5-10 ms), no retry of a command, and reconnection in the background at
 * most once a second for as long as the process lives.
 */
export function connectRecentFingerprintsRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    connectTimeout: 1_000,
    commandTimeout: 100,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  });
  // Without a listener ioredis prints every connection error; the adapter reports one line per outage instead.
  redis.on('error', () => {});
  return redis;
}
