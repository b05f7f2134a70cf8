import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTrackRecords } from '../../core/approve/memoryTrackRecords.ts';
import { HealingDesk } from '../../core/operate/healingDesk.ts';
import { SqliteControlStore } from '../../embedded/sqliteControlStore.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { openApiText } from '../../services/api/apiDocument.ts';
import { ApiKeyRing } from '../../services/api/apiKeys.ts';
import { HealingPageSchema, HealingViewSchema, KillSwitchSchema } from '../../services/api/apiSchemas.ts';
import { type RunningApi, startApiServer } from '../../services/api/apiServer.ts';
import { healingRoutes } from '../../services/api/healingRoutes.ts';
import { type SeededHealings, seedHealings } from '../support/seedHealings.ts';

const KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  alice: 'alice-key-0123456789abcdef',
  bob: 'bob-key-0123456789abcdefgh',
  operator: 'operator-key-0123456789abc',
};

let dir: string;
let api: RunningApi;
let seeded: SeededHealings;
let store: SqliteHealingStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hs-api-'));
  // The store's clock at the demo log's time: hourly buckets older than 48 h before a write are dropped, and the
  // log was captured on 2026-11-24.
  store = new SqliteHealingStore(join(dir, 'homeostasis.db'), { now: () => new Date('2026-11-24T21:00:00Z') });
  const trackRecords = new MemoryTrackRecords();
  seeded = await seedHealings(store, trackRecords);
  const desk = new HealingDesk({ store, trackRecords, control: new SqliteControlStore(join(dir, 'homeostasis.db')) });
  api = await startApiServer({
    routes: healingRoutes(desk),
    keys: new ApiKeyRing([
      { name: 'viewer', key: KEYS.viewer, roles: ['viewer'] },
      { name: 'alice', key: KEYS.alice, roles: ['reviewer'] },
      { name: 'bob', key: KEYS.bob, roles: ['reviewer'] },
      { name: 'ops', key: KEYS.operator, roles: ['operator'] },
    ]),
    port: 0,
    host: '127.0.0.1',
    dashboardDir: join(import.meta.dirname, '../../services/api/dashboard'),
  });
});

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(path: string, key: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (key !== null) headers.set('x-api-key', key);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(`${api.url}${path}`, { ...init, headers, redirect: 'manual' });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : null;
  return { status: response.status, json, text, headers: response.headers };
}

describe('REST API over the healing desk (real HTTP, SQLite store)', () => {
  it('answers health without a key and refuses the API without a valid one', async () => {
    expect((await call('/healthz', null)).json).toEqual({ status: 'ok' });
    const missing = await call('/v1/healings', null);
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ error: { code: 'unauthorized', message: 'a valid x-api-key header is required' } });
    expect((await call('/v1/healings', `${KEYS.viewer}x`)).status).toBe(401);
    expect((await call('/v1/healings', KEYS.viewer.slice(0, -1))).status).toBe(401);
  });

  it('lists healings newest first, filters them, and pages through all of them', async () => {
    const all = HealingPageSchema.parse((await call('/v1/healings', KEYS.viewer)).json);
    expect(all.healings.map((h) => h.id).sort()).toEqual(Object.values(seeded).sort());
    const awaiting = HealingPageSchema.parse((await call('/v1/healings?state=awaiting-approval', KEYS.viewer)).json);
    expect(awaiting.healings.map((h) => h.id)).toEqual([seeded.awaiting]);
    const ids: string[] = [];
    let token: string | null = null;
    do {
      const query: string = `/v1/healings?pageSize=1${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
      const page = HealingPageSchema.parse((await call(query, KEYS.viewer)).json);
      expect(page.healings).toHaveLength(1);
      ids.push(...page.healings.map((h) => h.id));
      token = page.nextPageToken;
    } while (token !== null);
    expect(ids).toEqual(all.healings.map((h) => h.id));
    const bad = await call('/v1/healings?state=sleeping', KEYS.viewer);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^invalid query: state: /);
    expect((await call('/v1/healings?pageToken=forged', KEYS.viewer)).status).toBe(400);
  });

  it('shows one healing in the documented shape, with risk, occurrences and its patch as a diff', async () => {
    const view = HealingViewSchema.parse((await call(`/v1/healings/${seeded.awaiting}`, KEYS.viewer)).json);
    expect(view.state).toBe('awaiting-approval');
    expect(view.approval).toMatchObject({ tier: 'two-reviewers', required: 2, approved: false });
    expect(view.approval.risk?.parts.map((p) => p.name)).toContain('critical-path');
    expect(view.occurrences?.count).toBeGreaterThan(1);
    expect(Object.values(view.occurrences?.hourly ?? {}).reduce((a, b) => a + b, 0)).toBe(view.occurrences?.count);
    const diff = await call(`/v1/healings/${seeded.awaiting}/diff`, KEYS.viewer);
    expect(diff.headers.get('content-type')).toMatch(/^text\/x-diff/);
    expect(diff.text).toContain('+++ b/src/discounts.ts');
    expect(diff.text).toContain('?.percent ?? 0');
    expect((await call(`/v1/healings/${seeded.failed}/diff`, KEYS.viewer)).json.error.code).toBe('no-patch');
    const missing = await call('/v1/healings/no-such-healing', KEYS.viewer);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not-found');
    expect((await call('/v1/healings/..%2F..%2Fetc', KEYS.viewer)).status).toBe(400);
  });

  it('records decisions as audit events by the key that made them, with the tier deciding when it is approved', async () => {
    const path = `/v1/healings/${seeded.awaiting}/decision`;
    const approve = (reason: string) => JSON.stringify({ decision: 'approve', reason });
    const byViewer = await call(path, KEYS.viewer, { method: 'POST', body: approve('looks fine') });
    expect(byViewer.status).toBe(403);
    expect(byViewer.json.error.message).toBe("the key 'viewer' lacks the 'reviewer' role");
    const first = await call(path, KEYS.alice, { method: 'POST', body: approve('guard matches the product rule') });
    expect(first.status).toBe(200);
    expect(HealingViewSchema.parse(first.json).approval).toMatchObject({ approved: false, required: 2 });
    const again = await call(path, KEYS.alice, { method: 'POST', body: approve('once more') });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already-approved');
    const second = HealingViewSchema.parse(
      (await call(path, KEYS.bob, { method: 'POST', body: approve('tests cover the unknown code') })).json,
    );
    expect(second.approval.approved).toBe(true);
    expect(second.approval.approvals.map((a) => [a.actor, a.reason])).toEqual([
      ['alice', 'guard matches the product rule'],
      ['bob', 'tests cover the unknown code'],
    ]);
    const stored = (await store.events(seeded.awaiting)).filter((e) => e.type === 'approved');
    expect(stored.map((e) => e.actor)).toEqual(['alice', 'bob']);
    expect(stored.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    const blank = await call(`/v1/healings/${seeded.failed}/decision`, KEYS.alice, {
      method: 'POST',
      body: JSON.stringify({ decision: 'reject', reason: '   ' }),
    });
    expect(blank.status).toBe(400);
    const notAwaiting = await call(`/v1/healings/${seeded.failed}/decision`, KEYS.alice, {
      method: 'POST',
      body: JSON.stringify({ decision: 'reject', reason: 'no' }),
    });
    expect(notAwaiting.status).toBe(409);
    expect(notAwaiting.json.error.code).toBe('not-awaiting-approval');
  });

  it('tells a key who it is, never echoing the key', async () => {
    const me = await call('/v1/whoami', KEYS.alice);
    expect(me.json).toEqual({ name: 'alice', roles: ['reviewer'] });
    expect(me.text).not.toContain(KEYS.alice);
  });

  it('lets only an operator flip the kill switch, and says who did', async () => {
    expect(KillSwitchSchema.parse((await call('/v1/control/kill-switch', KEYS.viewer)).json).on).toBe(false);
    const body = JSON.stringify({ on: true, reason: 'incident 4711: freeze deploys' });
    expect((await call('/v1/control/kill-switch', KEYS.alice, { method: 'PUT', body })).status).toBe(403);
    expect((await call('/v1/control/kill-switch', KEYS.operator, { method: 'PUT', body })).status).toBe(200);
    const now = KillSwitchSchema.parse((await call('/v1/control/kill-switch', KEYS.viewer)).json);
    expect(now).toMatchObject({ on: true, by: 'ops', reason: 'incident 4711: freeze deploys' });
  });

  it('steers deliveries only with a reviewer key, and says so where no delivery sweep runs', async () => {
    const path = `/v1/healings/${seeded.awaiting}/delivery`;
    const body = JSON.stringify({ action: 'resume', reason: 'the canary looked fine' });
    expect((await call(path, KEYS.viewer, { method: 'POST', body })).status).toBe(403);
    const off = await call(path, KEYS.alice, { method: 'POST', body });
    expect(off.status).toBe(503);
    expect(off.json.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/runs no deliveries/) });
    const bad = await call(path, KEYS.alice, {
      method: 'POST',
      body: JSON.stringify({ action: 'promote', reason: 'x' }),
    });
    expect(bad.status).toBe(400);
  });

  it('refuses malformed bodies, wrong methods and paths outside the dashboard', async () => {
    const path = `/v1/healings/${seeded.awaiting}/decision`;
    const notJson = await call(path, KEYS.alice, { method: 'POST', body: '{"decision":' });
    expect(notJson.json.error).toEqual({ code: 'bad-request', message: 'the body is not JSON' });
    const huge = await call(path, KEYS.alice, { method: 'POST', body: JSON.stringify({ reason: 'x'.repeat(70_000) }) });
    expect(huge.status).toBe(413);
    expect((await call(path, KEYS.alice, { method: 'GET' })).status).toBe(405);
    expect((await call('/dashboard/../package.json', null)).status).toBe(404);
    expect((await call('/dashboard/%2e%2e/%2e%2e/package.json', null)).status).toBe(404);
  });

  it('is described by the committed OpenAPI document (npm run openapi regenerates it)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../docs/openapi.json'), 'utf8');
    expect(committed).toBe(openApiText());
    const doc = JSON.parse(committed) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/control/kill-switch',
      '/v1/healings',
      '/v1/healings/{id}',
      '/v1/healings/{id}/decision',
      '/v1/healings/{id}/delivery',
      '/v1/healings/{id}/diff',
      '/v1/whoami',
    ]);
  });
});
