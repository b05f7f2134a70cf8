import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { type HealingMeta, HealingRecorder } from '../workflow/healingRecorder.ts';
import type { DeliveryTarget, TargetState } from './progressivePorts.ts';

/**
 * Test support for the progressive delivery's unit tests: a clock that moves only when the code under test sleeps
 * (with hooks that fire at given times, to inject occurrences "during a bake"), an in-memory target that keeps a
 * Lambda-alias-like state, and a healing brought to awaiting-approval in a real SQLite store.
 */
export class FakeClock {
  private t: number;
  private readonly hooks: { at: number; run: () => Promise<void> }[] = [];

  constructor(start = '2026-01-01T00:00:00.000Z') {
    this.t = Date.parse(start);
  }

  now = (): Date => new Date(this.t);

  sleep = async (ms: number): Promise<void> => {
    this.t += ms;
    const due = this.hooks.filter((h) => h.at <= this.t);
    for (const hook of due) {
      this.hooks.splice(this.hooks.indexOf(hook), 1);
      await hook.run();
    }
  };

  /** Runs `run` once the clock reaches `afterMs` from now. */
  at(afterMs: number, run: () => Promise<void>): void {
    this.hooks.push({ at: this.t + afterMs, run });
  }
}

export class MemoryTarget implements DeliveryTarget {
  readonly name = 'memory:orders:live';
  readonly calls: string[] = [];
  state: TargetState = { stable: '1', canary: null, weight: 0 };
  private versions = 1;
  failure: string | null = null;

  constructor(readonly weighted = true) {}

  async describe(): Promise<TargetState> {
    return { ...this.state };
  }
  async publish(): Promise<{ from: string; to: string }> {
    this.versions += 1;
    this.calls.push(`publish ${this.versions}`);
    return { from: this.state.stable, to: String(this.versions) };
  }
  async shift(_from: string, to: string, weight: number): Promise<void> {
    this.calls.push(`shift ${to} ${weight}`);
    this.state = { ...this.state, canary: to, weight };
  }
  async promote(to: string): Promise<void> {
    this.calls.push(`promote ${to}`);
    this.state = { stable: to, canary: null, weight: 0 };
  }
  async rollback(from: string): Promise<void> {
    this.calls.push(`rollback ${from}`);
    this.state = { stable: from, canary: null, weight: 0 };
  }
  async rolloutFailure(): Promise<string | null> {
    return this.failure;
  }
}

export const META: HealingMeta = { fingerprint: 'fp-healed', service: 'orders', category: 'null-reference' };

/** A store in a fresh temporary directory. */
export function freshStore(clock: FakeClock): SqliteHealingStore {
  return new SqliteHealingStore(join(mkdtempSync(join(tmpdir(), 'hs-progressive-')), 'store.db'), { now: clock.now });
}

/** Records the workflow up to awaiting-approval, as the pipeline's stages would. */
export async function approvedHealing(
  store: SqliteHealingStore,
  clock: FakeClock,
  id = 'h-1',
): Promise<HealingRecorder> {
  const recorder = await HealingRecorder.open(store, id, META, clock.now);
  await recordToApproval(recorder);
  return recorder;
}

/** The events of the workflow's path to awaiting-approval, in order (without their data). */
const PATH_TO_APPROVAL = [
  'detected',
  'analyzed',
  'candidates-generated',
  'validation-started',
  'validated',
  'approval-requested',
] as const;

/**
 * Records the rest of the path to awaiting-approval after the healing's last event (all of it for a new healing),
 * each event with `reason(type)` as its reason.
 */
export async function recordToApproval(
  recorder: HealingRecorder,
  reason: (type: string) => string = (type) => type,
): Promise<void> {
  const last = recorder.events.at(-1)?.type;
  const done = last === undefined ? 0 : PATH_TO_APPROVAL.indexOf(last as (typeof PATH_TO_APPROVAL)[number]) + 1;
  for (const type of PATH_TO_APPROVAL.slice(done)) await recorder.record(type, reason(type));
}

/** One occurrence of `fingerprint` from `service`, as ingest records it (the sample names the service). */
export async function occur(store: SqliteHealingStore, clock: FakeClock, fingerprint: string, service = 'orders') {
  await store.recordOccurrence(fingerprint, clock.now().toISOString(), {}, { service });
}

/**
 * The healed error's history before a delivery: `perMinute` occurrences a minute over `minutes`, evenly spaced,
 * the last one a second ago (one at the step's first instant would count in the step). The observation's baseline
 * then reads perMinute × minutes occurrences over minutes + 1 s.
 */
export async function history(store: SqliteHealingStore, clock: FakeClock, perMinute: number, minutes: number) {
  const end = clock.now().getTime() - 1_000;
  const n = perMinute * minutes;
  for (let i = 0; i <= n; i++) {
    const at = new Date(end - minutes * 60_000 + (i * minutes * 60_000) / n).toISOString();
    await store.recordOccurrence(META.fingerprint, at, {}, { service: META.service });
  }
}

/**
 * Occurrences of the healed error arriving while the clock runs: `perMinute` a minute from `fromMs` to `toMs`
 * (from now), evenly spaced; each is recorded when the clock passes its time.
 */
export function stream(
  store: SqliteHealingStore,
  clock: FakeClock,
  perMinute: number,
  fromMs: number,
  toMs: number,
): void {
  const gap = 60_000 / perMinute;
  for (let t = fromMs + gap; t <= toMs; t += gap) clock.at(t, () => occur(store, clock, META.fingerprint));
}
