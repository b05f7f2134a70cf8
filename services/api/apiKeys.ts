import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * What a key may do. `viewer` reads; `reviewer` approves and rejects; `security` may approve a security-review
 * tier (core/approve); `operator` flips the kill switch.
 */
export const API_ROLES = ['viewer', 'reviewer', 'security', 'operator'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** 16 characters is the least a key may have: short keys are guessable; keys are compared in constant time. */
const MIN_KEY_LENGTH = 16;

export const ApiKeySchema = z.object({
  /** The actor recorded on every decision made with this key. */
  name: z.string().min(1).max(64),
  key: z.string().min(MIN_KEY_LENGTH).max(256),
  roles: z.array(z.enum(API_ROLES)).min(1),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const ApiKeyListSchema = z.array(ApiKeySchema).min(1);

/** Who called: the key's name and roles. The key itself never leaves the key ring. */
export interface Principal {
  name: string;
  roles: readonly ApiRole[];
}

/**
 * The configured API keys. Keys are kept only as SHA-256 digests and compared with timingSafeEqual over digests of
 * equal length, so neither the key nor its length leaks through timing.
 */
export class ApiKeyRing {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(keys: readonly ApiKey[]) {
    const names = new Set<string>();
    this.entries = keys.map((k) => {
      if (names.has(k.name)) throw new Error(`API key name '${k.name}' is used twice`);
      names.add(k.name);
      return { digest: digest(k.key), principal: { name: k.name, roles: [...k.roles] } };
    });
  }

  /** The principal of `presented`, or null. Every entry is compared, so the time does not depend on which matched. */
  authenticate(presented: string | undefined): Principal | null {
    if (presented === undefined || presented.length === 0) return null;
    const candidate = digest(presented);
    let found: Principal | null = null;
    for (const entry of this.entries) if (timingSafeEqual(entry.digest, candidate)) found = entry.principal;
    return found;
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
