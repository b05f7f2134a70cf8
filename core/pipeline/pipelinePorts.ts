import type { HealingClaim } from './healingStart.ts';
import type { ServiceConfig } from './serviceConfig.ts';

/** The occurrence item's claim on a fingerprint's healing. */
export interface ClaimStore {
  claimOf(fingerprint: string): Promise<HealingClaim>;
  /** Sets the open healing to `healingId` only if it is still `expected`; false when another ingest got there first. */
  claim(fingerprint: string, expected: string | null, healingId: string, at: string): Promise<boolean>;
}

/** "This was already done" records (message ids, healing id + stage), kept for a while then forgotten. */
export interface Idempotency {
  seen(key: string): Promise<boolean>;
  /** Records `key`; false when it was already recorded (someone else did it first). */
  mark(key: string): Promise<boolean>;
}

export interface ServiceRegistry {
  get(service: string): Promise<ServiceConfig | null>;
}

/** A fresh working copy of a service's source on the local disk. */
export interface SourceProvider {
  checkout(config: ServiceConfig): Promise<string>;
}
