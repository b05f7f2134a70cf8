import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HealOutcome } from '../../core/heal/healOutcome.ts';
import { homeostasis, ROOT } from '../cliHarness.ts';
import { demoCheckout, treeState } from './demoCheckout.ts';

const DEMO = join(ROOT, 'examples/java-billing');
const TAX = 'src/main/java/com/acme/billing/TaxCalculator.java';
const NPE =
  'Cannot invoke "java.lang.Integer.intValue()" because the return value of "java.util.Map.get(Object)" is null';

describe('healing the Java demo service from its crash log (end to end, through the CLI)', () => {
  let repo: string;
  let outcome: HealOutcome;
  let before: string;

  beforeAll(() => {
    repo = demoCheckout(DEMO, { exclude: /\/build$/ });
    before = treeState(repo, TAX);
    const run = homeostasis([
      'heal',
      '--repo',
      repo,
      '--log',
      join(repo, 'logs/crash.log'),
      '--reproduce',
      'sh scripts/reproduce.sh',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    outcome = JSON.parse(run.stdout) as HealOutcome;
  });

  it('heals the most frequent error: VAT for a region the tax table does not know', () => {
    expect(outcome.status).toBe('healed');
    expect(outcome.errorType).toBe('java.lang.NullPointerException');
    expect(outcome.category).toBe('missing-key');
    expect(outcome.occurrences).toBe(8);
    expect(outcome.target?.path).toBe(TAX);
    expect(outcome.patch?.strategy).toBe('map-get-or-default');
    expect(outcome.patch?.diff).toContain('+    int basisPoints = RATES.getOrDefault(region, 0);');
  });

  it('validated the candidates through the whole ladder: syntax, javac, the tests, the reproduction', () => {
    const passed = outcome.candidates.filter((c) => c.passed);
    expect(passed.map((c) => c.strategy).sort()).toEqual(['map-get-or-default', 'null-check']);
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
    expect(treeState(repo, TAX)).toBe(before);
  });

  it('--apply writes the patch; the service then passes its tests and bills the trigger requests', () => {
    const fresh = demoCheckout(DEMO, { exclude: /\/build$/ });
    const state = mkdtempSync(join(tmpdir(), 'hs-state-'));
    const heal = () =>
      homeostasis(['heal', '--repo', fresh, '--log', join(fresh, 'logs/crash.log'), '--apply', '--json'], {
        stateDir: state,
      });
    // The service lives under com/acme/billing/: a default critical path, so the patch waits for a reviewer.
    const waiting = heal();
    expect(waiting.status).toBe(15);
    const asked = JSON.parse(waiting.stdout) as HealOutcome;
    expect(asked.risk?.parts.find((p) => p.name === 'critical-path')?.points).toBeGreaterThan(0);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: fresh, encoding: 'utf8' })).toBe('');
    const approve = homeostasis(['approve', asked.healingId, '--reason', 'billing owner reviewed the guard'], {
      stateDir: state,
      env: { USER: 'reviewer' },
    });
    expect(approve.status).toBe(0);
    const run = heal();
    expect(run.status).toBe(0);
    const applied = JSON.parse(run.stdout) as HealOutcome;
    expect(applied.delivered.map((d) => d.how)).toEqual(['apply']);
    expect(execFileSync('git', ['diff', '--name-only'], { cwd: fresh, encoding: 'utf8' }).trim()).toBe(TAX);
    const tests = spawnSync('sh', ['test.sh'], { cwd: fresh, encoding: 'utf8' });
    expect(tests.status, tests.stdout + tests.stderr).toBe(0);
    const trigger = spawnSync('sh', ['scripts/reproduce.sh'], { cwd: fresh, encoding: 'utf8' });
    expect(trigger.status).toBe(0);
    expect(trigger.stdout).not.toContain(NPE);
    expect(trigger.stdout).toMatch(/invoice INV-REPRO-1 issued to cus_1002: 114\.00 EUR/);
  });

  it('the committed log is what the unpatched service prints for the trigger (same error, same frames)', () => {
    const fresh = demoCheckout(DEMO, { exclude: /\/build$/ });
    const trigger = spawnSync('sh', ['scripts/reproduce.sh'], { cwd: fresh, encoding: 'utf8' });
    const log = readFileSync(join(fresh, 'logs/crash.log'), 'utf8');
    const frame = '\tat com.acme.billing.TaxCalculator.taxFor(TaxCalculator.java:20)';
    expect(trigger.stdout.split(NPE).length - 1).toBe(2);
    expect(trigger.stdout).toContain(frame);
    expect(log).toContain(`java.lang.NullPointerException: ${NPE}\n${frame}`);
  });
});
