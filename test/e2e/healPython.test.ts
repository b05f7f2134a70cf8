import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HealOutcome } from '../../core/heal/healOutcome.ts';
import { homeostasis, ROOT } from '../cliHarness.ts';
import { demoCheckout, treeState } from './demoCheckout.ts';

const DEMO = join(ROOT, 'examples/python-inventory');
const REPRODUCE = 'python3 scripts/reproduce.py';

describe('healing the Python demo service from its crash log (end to end, through the CLI)', () => {
  let repo: string;
  let outcome: HealOutcome;
  let before: string;

  beforeAll(() => {
    repo = demoCheckout(DEMO, { exclude: /(__pycache__|\.pyc)$/ });
    before = treeState(repo, 'inventory/stock.py');
    const run = homeostasis([
      'heal',
      '--repo',
      repo,
      '--log',
      join(repo, 'logs/crash.log'),
      '--reproduce',
      REPRODUCE,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    outcome = JSON.parse(run.stdout) as HealOutcome;
  });

  it('heals the most frequent error: the KeyError of an unknown SKU in StockLedger.reserve', () => {
    expect(outcome.status).toBe('healed');
    expect(outcome.errorType).toBe('KeyError');
    expect(outcome.category).toBe('missing-key');
    expect(outcome.occurrences).toBe(6);
    expect(outcome.target).toMatchObject({ path: 'inventory/stock.py', function: 'reserve' });
    expect(outcome.patch?.strategy).toBe('dict-get');
    expect(outcome.patch?.diff).toContain('+            available = self._levels.get(sku, 0)');
  });

  it('validated the winner through the whole ladder: syntax, compileall, unittest, reproduction', () => {
    const passed = outcome.candidates.filter((c) => c.passed);
    expect(passed.length).toBeGreaterThanOrEqual(1);
    for (const c of passed) {
      expect(c.steps.map((s) => [s.step, s.status])).toEqual([
        ['syntax', 'passed'],
        ['typecheck', 'passed'],
        ['test', 'passed'],
        ['reproduce', 'passed'],
      ]);
    }
  });

  it('left the working tree exactly as it was', () => {
    expect(treeState(repo, 'inventory/stock.py')).toBe(before);
  });

  it('--apply writes the patch; the service then passes its tests and no longer raises the KeyError', () => {
    const fresh = demoCheckout(DEMO, { exclude: /(__pycache__|\.pyc)$/ });
    const run = homeostasis(['heal', '--repo', fresh, '--log', join(fresh, 'logs/crash.log'), '--apply', '--json']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as HealOutcome).delivered.map((d) => d.how)).toEqual(['apply']);
    expect(execFileSync('git', ['diff', '--name-only'], { cwd: fresh, encoding: 'utf8' }).trim()).toBe(
      'inventory/stock.py',
    );
    const tests = spawnSync('python3', ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], {
      cwd: fresh,
      encoding: 'utf8',
    });
    expect(tests.status).toBe(0);
    const trigger = spawnSync('python3', ['scripts/reproduce.py'], { cwd: fresh, encoding: 'utf8' });
    expect(trigger.status).toBe(0);
    expect(trigger.stdout).not.toContain('KeyError');
    expect(trigger.stdout).toContain('order rejected: insufficient stock for SKU-999');
  });
});
