import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HealOutcome } from '../../core/heal/healOutcome.ts';
import { homeostasis, ROOT } from '../cliHarness.ts';
import { demoCheckout, treeState } from './demoCheckout.ts';

const DEMO = join(ROOT, 'examples/orders-service');

describe('healing the demo service from its crash log (end to end, through the CLI)', () => {
  let repo: string;
  let stateDir: string;
  let outcome: HealOutcome;
  let before: string;

  beforeAll(() => {
    repo = demoCheckout(DEMO, { exclude: /\/dist$/, linkNodeModules: true });
    stateDir = mkdtempSync(join(tmpdir(), 'hs-state-'));
    before = treeState(repo, 'src/discounts.ts');
    const run = homeostasis(
      [
        'heal',
        '--repo',
        repo,
        '--log',
        join(repo, 'logs/crash.log'),
        '--reproduce',
        'npm run reproduce --silent',
        '--json',
      ],
      { stateDir },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    outcome = JSON.parse(run.stdout) as HealOutcome;
  });

  it('heals the most frequent error: the unknown discount code', () => {
    expect(outcome.status).toBe('healed');
    expect(outcome.errorType).toBe('TypeError');
    expect(outcome.category).toBe('null-reference');
    expect(outcome.occurrences).toBeGreaterThanOrEqual(5);
    expect(outcome.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(outcome.target?.path).toBe('src/discounts.ts');
    expect(outcome.patch?.diff).toContain('+++ b/src/discounts.ts');
  });

  it('validated at least two candidates, each through the whole ladder', () => {
    const passed = outcome.candidates.filter((c) => c.passed);
    expect(passed.length).toBeGreaterThanOrEqual(2);
    for (const c of passed) {
      expect(c.steps.map((s) => [s.step, s.status])).toEqual([
        ['syntax', 'passed'],
        ['typecheck', 'passed'],
        ['test', 'passed'],
        ['reproduce', 'passed'],
      ]);
      expect(c.durationMs).toBeGreaterThan(0);
    }
  });

  it('left the working tree exactly as it was', () => {
    expect(treeState(repo, 'src/discounts.ts')).toBe(before);
  });

  it('--branch commits the winner on homeostasis/<short-fingerprint> without touching the checkout', () => {
    const run = homeostasis(['heal', '--repo', repo, '--log', join(repo, 'logs/crash.log'), '--branch', '--json'], {
      stateDir,
    });
    expect(run.status).toBe(0);
    const branch = `homeostasis/${outcome.fingerprint.slice(0, 12)}`;
    const message = execFileSync('git', ['log', '-1', '--format=%B', branch], { cwd: repo, encoding: 'utf8' });
    expect(message).toContain('TypeError');
    expect(message).toMatch(/Rule: js\./);
    expect(message).toContain(`Strategy: ${outcome.patch?.strategy}`);
    expect(message).toMatch(/reproduce: passed/);
    const changed = execFileSync('git', ['diff', '--name-only', 'main', branch], { cwd: repo, encoding: 'utf8' });
    expect(changed.trim()).toBe('src/discounts.ts');
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' })).toBe('');
    expect(readFileSync(join(repo, 'src/discounts.ts'), 'utf8')).toBe(
      readFileSync(join(DEMO, 'src/discounts.ts'), 'utf8'),
    );
  });

  it('--apply writes the patch; the service then passes its tests and no longer crashes on the trigger', () => {
    const fresh = demoCheckout(DEMO, { exclude: /\/dist$/, linkNodeModules: true });
    const run = homeostasis(['heal', '--repo', fresh, '--log', join(fresh, 'logs/crash.log'), '--apply', '--json']);
    expect(run.status).toBe(0);
    const applied = JSON.parse(run.stdout) as HealOutcome;
    expect(applied.delivered.map((d) => d.how)).toEqual(['apply']);
    expect(execFileSync('git', ['diff', '--name-only'], { cwd: fresh, encoding: 'utf8' }).trim()).toBe(
      'src/discounts.ts',
    );
    const tests = spawnSync('npm', ['test', '--silent'], { cwd: fresh, encoding: 'utf8' });
    expect(tests.status).toBe(0);
    const trigger = spawnSync('npm', ['run', 'reproduce', '--silent'], { cwd: fresh, encoding: 'utf8' });
    expect(trigger.stdout + trigger.stderr).not.toContain("Cannot read properties of undefined (reading 'percent')");
    expect(trigger.stdout).toContain('order created');
  });
});
