import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTrackRecords } from '../../core/approve/memoryTrackRecords.ts';
import { DeliverySweeper } from '../../core/deliver/deliverySweep.ts';
import { progressivePolicy } from '../../core/deliver/progressivePlan.ts';
import { MemoryTarget } from '../../core/deliver/progressiveTestKit.ts';
import { limitPolicyFor } from '../../core/limits/limitPolicy.ts';
import { HealingDesk } from '../../core/operate/healingDesk.ts';
import { HealingRecorder } from '../../core/workflow/healingRecorder.ts';
import { SqliteControlStore } from '../../embedded/sqliteControlStore.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { ApiKeyRing } from '../../services/api/apiKeys.ts';
import { type RunningApi, startApiServer } from '../../services/api/apiServer.ts';
import { healingRoutes } from '../../services/api/healingRoutes.ts';
import { type SeededHealings, seedHealings } from '../support/seedHealings.ts';

export const DASHBOARD_KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  alice: 'alice-key-0123456789abcdef',
  bob: 'bob-key-0123456789abcdefgh',
} as const;

/** Markup in an event's reason: the page must show it as text, and nothing may load or run. */
export const HOSTILE_REASON = '<img src=x onerror="window.__hostile=1"><script>window.__hostile=2</script> restarted';

/** Hours before now of extra occurrences of the detected healing's fingerprint. */
export const RECENT_OCCURRENCE_HOURS = [1, 3, 3, 6, 6, 6, 12, 30];

export interface DashboardFixture {
  api: RunningApi;
  store: SqliteHealingStore;
  desk: HealingDesk;
  /** Where the desk's delivery steering (resume, roll back) moves traffic: a Lambda-alias-like target in memory. */
  target: MemoryTarget;
  seeded: SeededHealings;
  close(): Promise<void>;
}

/**
 * The real API server (services/api) on a free loopback port over a SQLite store in a temp dir, seeded through the
 * core (test/support/seedHealings.ts: awaiting approval, rejected, failed, detected, verified), plus an escalation
 * on the detected healing whose reason carries markup. Serves the dashboard's files from services/api/dashboard.
 */
export async function startDashboardFixture(): Promise<DashboardFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'hs-dashboard-'));
  const store = new SqliteHealingStore(join(dir, 'homeostasis.db'));
  const trackRecords = new MemoryTrackRecords();
  const seeded = await seedHealings(store, trackRecords);
  const control = new SqliteControlStore(join(dir, 'homeostasis.db'));
  const target = new MemoryTarget();
  // The orchestrator's delivery sweep, steering deliveries to the in-memory target (no timer: nothing is swept).
  const deliveries = new DeliverySweeper({
    store,
    control,
    limits: limitPolicyFor('development'),
    concurrency: 1,
    log: () => {},
    setupFor: async () => ({
      target,
      plan: {
        policy: progressivePolicy({ steps: [{ weight: 100, bakeMs: 0 }] }),
        verification: { windowMs: 60_000, pollMs: 1_000, graceMs: 0 },
      },
    }),
  });
  const desk = new HealingDesk({ store, trackRecords, control, deliveries });
  const detected = await desk.get(seeded.detected);
  const recorder = await HealingRecorder.open(store, seeded.detected, {
    fingerprint: detected.fingerprint,
    service: detected.service,
    category: detected.category,
  });
  await recorder.record('escalated', HOSTILE_REASON, { note: HOSTILE_REASON }, 'ops-bot');
  // The demo log's occurrences age out of the 48-hour window two days after it was captured: these later ones
  // (as ingest would record them) keep the detected healing's sparkline drawn on any day.
  for (const hoursAgo of RECENT_OCCURRENCE_HOURS) {
    const at = new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
    await store.recordOccurrence(detected.fingerprint, at, {}, { service: detected.service });
  }
  const api = await startApiServer({
    routes: healingRoutes(desk),
    keys: new ApiKeyRing([
      { name: 'viewer', key: DASHBOARD_KEYS.viewer, roles: ['viewer'] },
      { name: 'alice', key: DASHBOARD_KEYS.alice, roles: ['reviewer'] },
      { name: 'bob', key: DASHBOARD_KEYS.bob, roles: ['reviewer'] },
    ]),
    port: 0,
    host: '127.0.0.1',
    dashboardDir: join(import.meta.dirname, '../../services/api/dashboard'),
  });
  return {
    api,
    store,
    desk,
    target,
    seeded,
    close: async () => {
      await api.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
