/** What the global per-hour limits count. */
export const RATE_KINDS = ['healing', 'patch', 'deployment'] as const;
export type RateKind = (typeof RATE_KINDS)[number];

export interface KillSwitchState {
  on: boolean;
  /** Who last turned it on or off. */
  by: string;
  /** When (ISO-8601). */
  at: string;
  reason: string;
}

/**
 * Where the kill switch and the per-hour counters live. Embedded: SQLite (embedded/sqliteControlStore.ts); AWS: the
 * DynamoDB control table (adapters/aws/dynamoControlStore.ts). Both are shared by every process of a deployment,
 * which is what makes a limit global.
 */
export interface ControlStore {
  /** The switch as last set; null when nobody ever set it (= off). */
  killSwitch(): Promise<KillSwitchState | null>;
  setKillSwitch(on: boolean, by: string, reason: string): Promise<void>;
  /** Atomically counts one more `kind` in the hour of `at` unless the hour already holds `max`; false = limit reached. */
  take(kind: RateKind, at: Date, max: number): Promise<boolean>;
  count(kind: RateKind, at: Date): Promise<number>;
}

export class LimitsError extends Error {
  override name = 'LimitsError';
}

/** The UTC hour of `at` as `yyyymmddhh`: the key of a per-hour counter in both stores. */
export function hourKey(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new LimitsError('hourKey: invalid date');
  return at.toISOString().slice(0, 13).replace(/[-T]/g, '');
}
