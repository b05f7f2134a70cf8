import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HealOutcome } from '../../core/heal/healOutcome.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { homeostasis, ROOT } from '../cliHarness.ts';
import { demoCheckout, treeState } from './demoCheckout.ts';

const DEMO = join(ROOT, 'examples/orders-service');

/**
 * The human gate, end to end through the CLI on a checkout of the demo: in production, with the pricing code marked
 * critical, the validated patch waits for a reviewer instead of being applied; an approval lets the next run apply
 * it, unless the kill switch is on. (The low-risk path, applied at once, is test/e2e/healDemo.test.ts.)
 */
describe('a high-risk patch waits for approval; the kill switch holds it; then it is delivered', () => {
  let repo: string;
  let stateDir: string;
  let before: string;
  const heal = (user = 'ci') =>
    homeostasis(
      [
        ...['heal', '--repo', repo, '--log', join(repo, 'logs/crash.log'), '--apply', '--json'],
        ...['--environment', 'production', '--critical-path', 'src/discounts.ts'],
      ],
      { stateDir, env: { USER: user } },
    );

  beforeAll(() => {
    repo = demoCheckout(DEMO, { exclude: /\/dist$/, linkNodeModules: true });
    stateDir = mkdtempSync(join(tmpdir(), 'hs-state-'));
    before = treeState(repo, 'src/discounts.ts');
  });

  it('validates the patch, scores its risk, and leaves the tree alone while a reviewer is needed', () => {
    const run = heal();
    expect(run.status).toBe(15);
    const outcome = JSON.parse(run.stdout) as HealOutcome;
    expect(outcome.status).toBe('healed');
    expect(outcome.state).toBe('awaiting-approval');
    expect(outcome.delivery).toEqual({ kind: 'waiting', detail: '0 of 1 approval(s) given' });
    expect(outcome.risk?.tier).toBe('one-reviewer');
    const parts = Object.fromEntries((outcome.risk?.parts ?? []).map((p) => [p.name, p.points]));
    expect(parts['critical-path']).toBeGreaterThan(0);
    expect(parts['environment']).toBeGreaterThan(0);
    expect(outcome.risk?.parts.reduce((sum, p) => sum + p.points, 0)).toBe(outcome.risk?.score);
    expect(treeState(repo, 'src/discounts.ts')).toBe(before);
  });

  it('holds the approved patch while the kill switch is on, and says so in the healing', async () => {
    const [healing] = await new SqliteHealingStore(join(stateDir, 'homeostasis.db')).list();
    const id = healing?.id ?? '';
    expect(
      homeostasis(['approve', id, '--reason', 'pricing owner agrees'], { stateDir, env: { USER: 'dana' } }),
    ).toMatchObject({
      status: 0,
      stdout: `healing ${id}: approved (1 of 1 reviewer(s)); state awaiting-approval\n`,
    });
    expect(homeostasis(['kill-switch', 'on', '--reason', 'freeze'], { stateDir, env: { USER: 'ops' } }).status).toBe(0);
    const held = heal();
    expect(held.status).toBe(16);
    expect((JSON.parse(held.stdout) as HealOutcome).delivery).toMatchObject({ kind: 'held' });
    expect(treeState(repo, 'src/discounts.ts')).toBe(before);
    const events = await new SqliteHealingStore(join(stateDir, 'homeostasis.db')).events(id);
    expect(events.find((e) => e.type === 'delivery-held')?.data).toMatchObject({ limit: 'kill-switch', by: 'ops' });
  });

  it('delivers on the next run once the switch is off, recording who delivered', async () => {
    expect(homeostasis(['kill-switch', 'off', '--reason', 'thaw'], { stateDir, env: { USER: 'ops' } }).status).toBe(0);
    const run = heal('erin');
    expect(run.status).toBe(0);
    const outcome = JSON.parse(run.stdout) as HealOutcome;
    expect(outcome.state).toBe('delivered');
    expect(outcome.delivery?.kind).toBe('delivered');
    expect(readFileSync(join(repo, 'src/discounts.ts'), 'utf8')).toContain('?.percent');
    const events = await new SqliteHealingStore(join(stateDir, 'homeostasis.db')).events(outcome.healingId);
    expect(events.map((e) => e.type).filter((t) => t.startsWith('valid'))).toEqual(['validation-started', 'validated']); // the resumed runs validated nothing again
    expect(events.at(-1)).toMatchObject({ type: 'delivered', actor: 'erin' });
  });
});
