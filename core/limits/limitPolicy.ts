/**
 * How much automatic healing a deployment of Homeostasis allows. Per fingerprint: attempts, cool-down, escalation;
 * globally: healings, patches and deployments per hour. Remediation loops are the classic failure of automatic
 * remediation (an error that a fix does not stop is healed again and again), so every number here is a cap.
 */
export interface LimitPolicy {
  /** Failed attempts (validation-failed, ineffective, rolled-back) of one fingerprint within `attemptWindowMs`. */
  maxAttemptsPerFingerprint: number;
  /** How long after an attempt for a fingerprint ended before the next one may start. */
  cooldownMs: number;
  /** After this many failed attempts of a fingerprint (within the window) a person is called, once. */
  escalateAfterFailures: number;
  /** The window over which failed attempts are counted. */
  attemptWindowMs: number;
  healingsPerHour: number;
  patchesPerHour: number;
  deploymentsPerHour: number;
}

const HOUR_MS = 3_600_000;

/** The architecture record's production limits: 5 healing cycles, 10 patches and 3 deployments per hour. */
const PRODUCTION: LimitPolicy = {
  maxAttemptsPerFingerprint: 3,
  cooldownMs: HOUR_MS,
  escalateAfterFailures: 2,
  attemptWindowMs: 24 * HOUR_MS,
  healingsPerHour: 5,
  patchesPerHour: 10,
  deploymentsPerHour: 3,
};

/** Staging sees more churn and costs less when wrong: twice production's budget, a quarter of its cool-down. */
const STAGING: LimitPolicy = {
  ...PRODUCTION,
  maxAttemptsPerFingerprint: 5,
  cooldownMs: 15 * 60_000,
  escalateAfterFailures: 3,
  healingsPerHour: 10,
  patchesPerHour: 20,
  deploymentsPerHour: 6,
};

/** A developer's machine or a test environment: loops are still capped, but tight enough not to get in the way. */
const DEVELOPMENT: LimitPolicy = {
  ...PRODUCTION,
  maxAttemptsPerFingerprint: 10,
  cooldownMs: 60_000,
  escalateAfterFailures: 5,
  attemptWindowMs: HOUR_MS,
  healingsPerHour: 60,
  patchesPerHour: 120,
  deploymentsPerHour: 30,
};

const BY_ENVIRONMENT: Readonly<Record<string, LimitPolicy>> = {
  production: PRODUCTION,
  prod: PRODUCTION,
  staging: STAGING,
  stage: STAGING,
  development: DEVELOPMENT,
  dev: DEVELOPMENT,
  local: DEVELOPMENT,
  test: DEVELOPMENT,
};

/** The limits of `environment` (case-insensitive); an unknown environment gets production's, the safe side. */
export function limitPolicyFor(environment: string, overrides: Partial<LimitPolicy> = {}): LimitPolicy {
  const base = BY_ENVIRONMENT[environment.trim().toLowerCase()] ?? PRODUCTION;
  return { ...base, ...definedOnly(overrides) };
}

function definedOnly(overrides: Partial<LimitPolicy>): Partial<LimitPolicy> {
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<LimitPolicy>;
}
