import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HealOutcome } from '../../core/heal/healOutcome.ts';
import { judgeReproduction } from '../../core/heal/reproductionJudge.ts';
import { createRegistry } from '../../plugins/index.ts';
import { homeostasis, ROOT } from '../cliHarness.ts';
import { useGoEnvironment } from '../setup/ensureGo.ts';
import { demoCheckout } from './demoCheckout.ts';

const DEMO = join(ROOT, 'examples/go-shipping');

/**
 * The checkout's folder is named `shipping` like the deployment the crash log comes from (`<tmp>/srv/shipping`), as
 * a real checkout of that service would be: Go prints absolute paths, and the reproduction's frames must match.
 */
const checkout = () => demoCheckout(DEMO, { name: 'shipping' });

describe('healing the Go demo service from its crash log (end to end, through the CLI)', () => {
  let repo: string;
  let outcome: HealOutcome;

  beforeAll(() => {
    // Fails (does not skip) with the reason when Go is missing and cannot be installed.
    useGoEnvironment();
    repo = checkout();
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

  it('the reproduce script really crashes the unpatched service with the logged panic', () => {
    const trigger = spawnSync('sh', ['scripts/reproduce.sh'], { cwd: repo, encoding: 'utf8' });
    expect(trigger.stderr).toContain('panic: runtime error: invalid memory address or nil pointer dereference');
    expect(trigger.stderr).toMatch(/main\.QuoteFor\(/);
    // The ladder's judge must see the healed fingerprint in it, or a candidate would pass without fixing anything.
    const verdict = judgeReproduction(trigger.stdout + trigger.stderr, outcome.fingerprint, {
      registry: createRegistry(),
      service: 'unknown',
      environment: 'local',
    });
    expect(verdict.stillFails).toBe(true);
  });

  it('heals the most frequent panic: the nil carrier of an unknown carrier code', () => {
    expect(outcome.status).toBe('healed');
    expect(outcome.errorType).toBe('runtime.Error');
    expect(outcome.category).toBe('null-reference');
    expect(outcome.occurrences).toBeGreaterThanOrEqual(3);
    expect(outcome.target?.path).toBe('carriers.go');
    expect(outcome.patch?.diff).toContain('+++ b/carriers.go');
  });

  it('validated the candidates through vet, the Go tests and the reproduction', () => {
    const passed = outcome.candidates.filter((c) => c.passed);
    expect(passed.length).toBeGreaterThanOrEqual(2);
    expect(new Set(passed.map((c) => c.strategy))).toEqual(new Set(['nil-check', 'map-ok-lookup']));
    for (const c of passed) {
      expect(c.steps.map((s) => [s.step, s.status])).toEqual([
        ['syntax', 'passed'],
        ['typecheck', 'passed'],
        ['test', 'passed'],
        ['reproduce', 'passed'],
      ]);
    }
  });

  it('--apply writes the patch; the service then passes go test and rejects the request that crashed it', () => {
    const fresh = checkout();
    const run = homeostasis([
      'heal',
      '--repo',
      fresh,
      '--log',
      join(fresh, 'logs/crash.log'),
      '--reproduce',
      'sh scripts/reproduce.sh',
      '--apply',
      '--json',
    ]);
    expect(run.status).toBe(0);
    const applied = JSON.parse(run.stdout) as HealOutcome;
    expect(applied.delivered.map((d) => d.how)).toEqual(['apply']);
    expect(execFileSync('git', ['diff', '--name-only'], { cwd: fresh, encoding: 'utf8' }).trim()).toBe('carriers.go');
    const tests = spawnSync('go', ['test', './...'], { cwd: fresh, encoding: 'utf8' });
    expect(tests.status, tests.stdout + tests.stderr).toBe(0);
    const trigger = spawnSync('sh', ['scripts/reproduce.sh'], { cwd: fresh, encoding: 'utf8' });
    expect(trigger.stdout + trigger.stderr).not.toContain('panic:');
    expect(trigger.stderr).toContain('rejected: QuoteFor:');
    expect(readFileSync(join(fresh, 'carriers.go'), 'utf8')).not.toBe(readFileSync(join(DEMO, 'carriers.go'), 'utf8'));
  });
});
