import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oldestKeptHour } from '../../core/pipeline/occurrenceHours.ts';
import { HealingRecorder } from '../../core/workflow/healingRecorder.ts';
import { launchChromium, type RunningChromium } from '../setup/chromium.ts';
import {
  DASHBOARD_KEYS,
  type DashboardFixture,
  HOSTILE_REASON,
  RECENT_OCCURRENCE_HOURS,
  startDashboardFixture,
} from './dashboardFixture.ts';

const VIEWPORT = { width: 1280, height: 900 };
/** Screenshots are kept here for people to look at (CI may collect the folder); DASHBOARD_ARTIFACTS moves it. */
const ARTIFACTS = process.env['DASHBOARD_ARTIFACTS'] ?? join(tmpdir(), 'homeostasis-dashboard-artifacts');

let fixture: DashboardFixture;
let browser: RunningChromium;

beforeAll(async () => {
  [fixture, browser] = await Promise.all([startDashboardFixture(), launchChromium({ viewport: VIEWPORT })]);
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

interface Watched {
  page: Page;
  /** Uncaught exceptions and CSP violations: none may happen. */
  problems: string[];
  requests: string[];
}

/** A new tab (its own sessionStorage: no key yet) on the server's root, which redirects to the dashboard. */
async function openDashboard(): Promise<Watched> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${fixture.api.url}/`);
  return { page, problems, requests };
}

async function enterKey(page: Page, key: string): Promise<void> {
  await page.getByLabel('Key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Use this key' }).click();
}

const row = (page: Page, id: string) => page.locator(`tr[data-healing-id="${id}"]`);

/** Occurrences the dashboard should draw: those in the hourly buckets still inside the 48-hour window now. */
function inWindow(hourly: Record<string, number> | undefined): number {
  const oldest = oldestKeptHour(new Date());
  return Object.entries(hourly ?? {})
    .filter(([hour]) => hour >= oldest)
    .reduce((sum, [, n]) => sum + n, 0);
}

/** No text node that is just a value printed unformatted (a left-out part of a view shows as "null"). */
async function expectNoPlaceholderText(page: Page): Promise<void> {
  const stray = await page.locator('main').evaluate((main) => {
    const found: string[] = [];
    // The DOM as far as this walk needs it (the project's tsconfig has no DOM lib).
    type TextTree = { nodeType: number; textContent: string | null; childNodes: ArrayLike<TextTree> };
    const visit = (node: TextTree) => {
      const text = node.nodeType === 3 ? (node.textContent ?? '').trim() : '';
      if (['null', 'undefined', 'NaN', '[object Object]'].includes(text)) found.push(text);
      for (const child of Array.from(node.childNodes)) visit(child);
    };
    visit(main as unknown as TextTree);
    return found;
  });
  expect(stray).toEqual([]);
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(path: string): { width: number; height: number; bytes: number } {
  const png = readFileSync(path);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bytes: png.length };
}

describe('web dashboard in Chromium (real API server, SQLite store)', () => {
  it('asks for a key, refuses a wrong one, then lists every healing with state, occurrences and risk', async () => {
    const { page, problems } = await openDashboard();
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    await expect.poll(() => page.getByRole('heading', { name: 'API key' }).isVisible()).toBe(true);
    await enterKey(page, 'not-a-key-of-this-server');
    await page.getByText('The API refused the key: a valid x-api-key header is required').waitFor();
    await enterKey(page, DASHBOARD_KEYS.viewer);
    await page.locator('table.healings').waitFor();

    const ids = Object.values(fixture.seeded);
    await expect.poll(() => page.locator('table.healings tbody tr').count()).toBe(ids.length);
    for (const id of ids) {
      const view = await fixture.desk.get(id);
      const tr = row(page, id);
      expect(await tr.locator('[data-state]').textContent()).toBe(view.state);
      expect(await tr.locator('td').nth(2).textContent()).toBe(view.service);
      expect(await tr.locator('td').nth(3).textContent()).toBe(view.category);
      const risk = view.approval.risk;
      await expect.poll(() => tr.locator('td.risk').textContent()).toBe(risk ? `${risk.score} · ${risk.tier}` : '—');
      const spark = tr.locator('svg.sparkline');
      expect(await spark.locator('rect').count()).toBe(48);
      expect(Number(await spark.getAttribute('data-total'))).toBe(inWindow(view.occurrences?.hourly));
    }
    expect((await fixture.desk.get(fixture.seeded.awaiting)).approval.risk?.tier).toBe('two-reviewers');
    const detected = await fixture.desk.get(fixture.seeded.detected);
    expect(inWindow(detected.occurrences?.hourly)).toBeGreaterThanOrEqual(RECENT_OCCURRENCE_HOURS.length);
    const bars = await row(page, fixture.seeded.detected)
      .locator('svg.sparkline rect')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
    // Oldest first, the current hour last: an occurrence n hours ago is bar 47 - n (or one further left when the
    // hour turned between seeding and drawing).
    const drawnAt = (shift: number) =>
      RECENT_OCCURRENCE_HOURS.every(
        (n) => (bars[47 - n - shift] ?? 0) >= RECENT_OCCURRENCE_HOURS.filter((h) => h === n).length,
      );
    expect(drawnAt(0) || drawnAt(1)).toBe(true);

    await page.getByLabel('State').selectOption('awaiting-approval');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.url()).toContain('#/healings?state=awaiting-approval');
    await expect.poll(() => page.locator('table.healings tbody tr').count()).toBe(1);
    expect(await row(page, fixture.seeded.awaiting).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows a healing's timeline, risk parts, the winner side by side and each candidate's validation steps", async () => {
    const { page, problems } = await openDashboard();
    await enterKey(page, DASHBOARD_KEYS.viewer);
    await row(page, fixture.seeded.awaiting).getByRole('link').click();
    const view = await fixture.desk.get(fixture.seeded.awaiting);
    await page.getByRole('heading', { name: `${view.event.errorType} in ${view.service}` }).waitFor();

    const timeline = page.locator('ol.timeline > li');
    expect(await timeline.count()).toBe(view.events.length);
    const types = await timeline.evaluateAll((items) => items.map((li) => li.getAttribute('data-event-type')));
    expect(types).toEqual(view.events.map((e) => e.type));
    const requested = page.locator('li[data-event-type="approval-requested"]');
    expect(await requested.locator('.actor').textContent()).toBe('by homeostasis');
    expect(await requested.locator('time').getAttribute('datetime')).toBe(
      view.events.find((e) => e.type === 'approval-requested')?.at,
    );

    const parts = await page
      .locator('table.risk-parts tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(parts).toEqual(view.approval.risk?.parts.map((p) => [p.name, String(p.points), p.detail]));
    expect(await page.locator('.approval-status').textContent()).toBe('Awaiting approval: 0 of 2 approval(s).');

    // The patch: the old line on the left, the guarded one on the right, on the same row and line number.
    const changed = page.locator('table.side-by-side tr', { has: page.locator('td.code.removed') });
    expect(await changed.count()).toBe(1);
    const cells = await changed.locator('td').allTextContents();
    expect(cells[1]).toContain('DISCOUNTS[code.trim().toUpperCase()].percent');
    expect(cells[3]).toContain('DISCOUNTS[code.trim().toUpperCase()]?.percent ?? 0');
    expect(cells[0]).toBe(cells[2]);
    expect(await page.locator('.diff-file figcaption').textContent()).toBe('a/src/discounts.ts → b/src/discounts.ts');

    const steps = await page
      .locator('table.steps tbody tr[data-step]')
      .evaluateAll((rows) =>
        rows.map((r) => [
          r.getAttribute('data-step'),
          ...[...r.querySelectorAll('td')].slice(1, 3).map((c) => c.textContent),
        ]),
      );
    expect(steps).toEqual([
      ['syntax', 'pass', '12 ms'],
      ['typecheck', 'pass', '2.1 s'],
      ['test', 'pass', '3.4 s'],
      ['reproduce', 'pass', '900 ms'],
    ]);
    expect(await page.locator('.candidate .badge', { hasText: 'winner' }).count()).toBe(1);

    await page.goto(`${fixture.api.url}/dashboard/#/healings/${fixture.seeded.failed}`);
    const failedTest = page.locator('table.steps tr[data-step="test"]');
    await failedTest.waitFor();
    expect(await failedTest.getAttribute('data-status')).toBe('failed');
    expect(await failedTest.locator('td').nth(5).textContent()).toBe('the tests failed (exit code 1)');
    expect(await page.getByLabel('test output').textContent()).toContain('applyDiscount returns 0 for an unknown code');
    expect(await page.locator('[data-section="patch"]').textContent()).toContain('No validated patch.');
    expect(await page.locator('form.decision').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('approves by clicking: a viewer gets the API 403 message, then two reviewers approve with their reasons', async () => {
    const id = fixture.seeded.awaiting;
    const approvedEvents = async () =>
      (await fixture.store.events(id)).filter((e) => e.type === 'approved').map((e) => [e.actor, e.reason]);
    const { page, problems } = await openDashboard();
    await page.goto(`${fixture.api.url}/dashboard/#/healings/${id}`);
    await enterKey(page, DASHBOARD_KEYS.viewer);
    const reason = page.getByLabel('Reason (recorded with your decision)');

    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('A reason is required.').waitFor();
    await reason.fill('looks fine to me');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText("the key 'viewer' lacks the 'reviewer' role").waitFor();
    expect(await page.locator('form.decision').count()).toBe(0);
    expect(await approvedEvents()).toEqual([]);

    await page.getByRole('button', { name: 'Change API key' }).click();
    await enterKey(page, DASHBOARD_KEYS.alice);
    await reason.fill('the guard matches the pricing rule');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Your approval was recorded.').waitFor();
    expect(await approvedEvents()).toEqual([['alice', 'the guard matches the pricing rule']]);
    expect(await page.locator('.approval-status').textContent()).toBe('Awaiting approval: 1 of 2 approval(s).');
    const last = page.locator('ol.timeline > li').last();
    expect(await last.getAttribute('data-event-type')).toBe('approved');
    expect(await last.locator('.actor').textContent()).toBe('by alice');
    expect(await last.locator('.reason').textContent()).toBe('the guard matches the pricing rule');

    await page.getByRole('button', { name: 'Change API key' }).click();
    await enterKey(page, DASHBOARD_KEYS.bob);
    await reason.fill('unknown codes now give no discount, as the product asks');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Your approval was recorded.').waitFor();
    expect(await approvedEvents()).toEqual([
      ['alice', 'the guard matches the pricing rule'],
      ['bob', 'unknown codes now give no discount, as the product asks'],
    ]);
    const status = page.locator('.approval-status');
    expect(await status.textContent()).toBe('Approved; waiting for delivery.');
    expect(await status.getAttribute('data-approved')).toBe('true');
    expect(await page.locator('form.decision').count()).toBe(0);
    expect(await page.locator('ul.approvals li').allTextContents()).toEqual([
      expect.stringMatching(/^alice approved at .* UTC: the guard matches the pricing rule$/),
      expect.stringMatching(/^bob approved at .* UTC: unknown codes now give no discount, as the product asks$/),
    ]);
    expect((await fixture.desk.get(id)).approval.approved).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows markup from the API as text: nothing from an event reason is parsed, loaded or run', async () => {
    const { page, problems, requests } = await openDashboard();
    await page.goto(`${fixture.api.url}/dashboard/#/healings/${fixture.seeded.detected}`);
    await enterKey(page, DASHBOARD_KEYS.viewer);
    const escalated = page.locator('li[data-event-type="escalated"]');
    await escalated.waitFor();
    expect(await escalated.locator('.reason').textContent()).toBe(HOSTILE_REASON);
    expect(await escalated.locator('.actor').textContent()).toBe('by ops-bot');
    await escalated.locator('summary').click();
    expect(await escalated.locator('pre').textContent()).toContain(JSON.stringify(HOSTILE_REASON).slice(1, -1));
    // A parsed <img> would exist in the DOM and request /dashboard/x even where the CSP stops its handler.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __hostile?: number }).__hostile)).toBeUndefined();
    expect(requests.filter((url) => new URL(url).pathname.endsWith('/x'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders the list and detail views at full size (screenshots kept as artifacts, structure asserted)', async () => {
    const { page, problems } = await openDashboard();
    await enterKey(page, DASHBOARD_KEYS.viewer);
    await expect.poll(() => page.locator('td.risk', { hasText: '…' }).count()).toBe(0);
    await expectNoPlaceholderText(page);
    const listPath = join(ARTIFACTS, 'list.png');
    await page.screenshot({ path: listPath });
    for (const selector of ['header.top', 'form.filters', 'table.healings', 'table.healings svg.sparkline']) {
      const box = await page.locator(selector).first().boundingBox();
      expect(box?.width, selector).toBeGreaterThan(0);
      expect(box?.height, selector).toBeGreaterThan(0);
    }

    await page.goto(`${fixture.api.url}/dashboard/#/healings/${fixture.seeded.verified}`);
    await page.locator('table.side-by-side').waitFor();
    await expectNoPlaceholderText(page);
    const detailPath = join(ARTIFACTS, 'detail.png');
    await page.screenshot({ path: detailPath });
    const fullPath = join(ARTIFACTS, 'detail-full.png');
    await page.screenshot({ path: fullPath, fullPage: true });
    for (const selector of ['dl.summary', 'table.risk-parts', 'table.side-by-side', 'table.steps', 'ol.timeline']) {
      const box = await page.locator(selector).boundingBox();
      expect(box?.width, selector).toBeGreaterThan(0);
      expect(box?.height, selector).toBeGreaterThan(0);
    }
    // The two columns of the diff share the width: neither side is squeezed out.
    const [oldCode, newCode] = await page.locator('table.side-by-side tr:not(.hunk)').first().locator('td.code').all();
    const oldBox = await oldCode?.boundingBox();
    const newBox = await newCode?.boundingBox();
    expect(Math.abs((oldBox?.width ?? 0) - (newBox?.width ?? -100))).toBeLessThan(2);
    expect(await page.locator('[data-state]').first().textContent()).toBe('verified');

    expect(pngSize(listPath)).toMatchObject(VIEWPORT);
    expect(pngSize(detailPath)).toMatchObject(VIEWPORT);
    const full = pngSize(fullPath);
    expect(full.width).toBe(VIEWPORT.width);
    expect(full.height).toBeGreaterThan(VIEWPORT.height);
    for (const path of [listPath, detailPath, fullPath]) expect(pngSize(path).bytes).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
    await page.close();
  });

  // Last: it adds a healing the list assertions above do not expect.
  it('steers a paused delivery by clicking: resumes it to the end, then rolls the delivered patch back', async () => {
    const id = await pausedDelivery();
    const { page, problems } = await openDashboard();
    await page.goto(`${fixture.api.url}/dashboard/#/healings/${id}`);
    await enterKey(page, DASHBOARD_KEYS.alice);
    const status = page.locator('.delivery-status');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/^Paused at .* UTC: 10 %: too little evidence to judge the fix/);
    const reason = page.getByLabel('Reason (recorded with your step)');

    await page.getByRole('button', { name: 'Resume delivery' }).click();
    await page.getByText('A reason is required.').waitFor();
    await reason.fill('the canary share is too small to judge; the tests cover it');
    await page.getByRole('button', { name: 'Resume delivery' }).click();
    await page.getByText('The delivery was resumed: its next step runs now.').waitFor();
    await expect.poll(async () => (await fixture.desk.get(id)).state).toBe('delivered');
    expect(fixture.target.state).toEqual({ stable: '2', canary: null, weight: 0 });
    expect((await fixture.store.events(id)).find((e) => e.type === 'delivery-resumed')).toMatchObject({
      actor: 'alice',
      reason: 'the canary share is too small to judge; the tests cover it',
    });

    await page.reload();
    await expect.poll(() => status.textContent()).toBe('Delivered; the verification window is open.');
    expect(await page.getByRole('button', { name: 'Resume delivery' }).count()).toBe(0);
    await reason.fill('the orders team wants the previous version back');
    await page.getByRole('button', { name: 'Roll back' }).click();
    await page.getByText('The delivery was rolled back: the previous version serves all traffic.').waitFor();
    expect(fixture.target.state).toEqual({ stable: '1', canary: null, weight: 0 });
    expect(await page.locator('dl.summary [data-state]').textContent()).toBe('rolled-back');
    expect(await page.locator('form.steer').count()).toBe(0);
    const last = page.locator('ol.timeline > li').last();
    expect(await last.getAttribute('data-event-type')).toBe('rolled-back');
    expect(await last.locator('.actor').textContent()).toBe('by alice');
    expect(problems).toEqual([]);
    await page.close();
  });
});

/**
 * A healing whose canary paused at 10 %: the verified healing's events up to its approvals, recorded again under a
 * new id through the core's recorder, then a delivery to the fixture's target judged inconclusive at its first step.
 */
async function pausedDelivery(): Promise<string> {
  const source = await fixture.desk.get(fixture.seeded.verified);
  const recorder = await HealingRecorder.open(fixture.store, 'heal-paused', {
    fingerprint: source.fingerprint,
    service: source.service,
    category: source.category,
  });
  for (const e of await fixture.store.events(fixture.seeded.verified)) {
    if (e.type === 'delivery-started') break;
    await recorder.record(e.type, e.reason, e.data, e.actor);
  }
  const { target } = fixture;
  const { from, to } = await target.publish();
  await target.shift(from, to, 10);
  const steps = [
    { weight: 10, bakeMs: 300_000 },
    { weight: 100, bakeMs: 0 },
  ];
  await recorder.record('delivery-started', `published ${to}`, {
    target: target.name,
    from,
    to,
    steps,
    baseline: null,
  });
  const why = 'too little evidence to judge the fix: no baseline';
  await recorder.record('delivery-step', `10 %: inconclusive: ${why}`, { weight: 10, outcome: 'inconclusive', why });
  await recorder.record('delivery-paused', `10 %: ${why}`, { weight: 10, why });
  return recorder.id;
}
