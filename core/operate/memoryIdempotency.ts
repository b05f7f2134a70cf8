import type { Idempotency } from '../pipeline/pipelinePorts.ts';

/**
 * Idempotency records in memory, for one process (tests, and an embedded desk whose reports all arrive in it).
 * Keys are kept for `ttlMs` and at most `maxKeys` (oldest forgotten first), so a long-lived process stays bounded.
 */
export class MemoryIdempotency implements Idempotency {
  private readonly keys = new Map<string, number>();

  constructor(
    private readonly ttlMs = 24 * 3600_000,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async seen(key: string): Promise<boolean> {
    const at = this.keys.get(key);
    return at !== undefined && this.now() - at < this.ttlMs;
  }

  async mark(key: string): Promise<boolean> {
    if (await this.seen(key)) return false;
    this.keys.delete(key);
    this.keys.set(key, this.now());
    // Map keeps insertion order: the first key is the oldest.
    while (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value as string);
    return true;
  }
}
