import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { createRegistry } from '../../plugins/index.ts';
import { deriveState } from '../workflow/healingWorkflow.ts';
import { heal } from './healService.ts';
import { type Progress, silentProgress } from './progress.ts';

const SOURCE = `const CODES = { WELCOME: { percent: 10 } };

function discount(price, code) {
  return price - (price * CODES[code].percent) / 100;
}

module.exports = { discount };
`;

/** A small JavaScript service, its passing tests, and the crash log its bug really produces. */
function service(): { repo: string; log: string } {
  const repo = mkdtempSync(join(tmpdir(), 'hs-heal-'));
  mkdirSync(join(repo, 'src'));
  mkdirSync(join(repo, 'test'));
  writeFileSync(join(repo, 'src/price.js'), SOURCE);
  writeFileSync(
    join(repo, 'test/price.test.js'),
    "const test = require('node:test');\nconst assert = require('node:assert');\nconst { discount } = require('../src/price.js');\n" +
      "test('welcome', () => assert.strictEqual(discount(100, 'WELCOME'), 90));\n",
  );
  const crash = spawnSync(process.execPath, ['-e', "require('./src/price.js').discount(100, 'SPRING')"], {
    cwd: repo,
    encoding: 'utf8',
  });
  expect(crash.stderr).toContain("reading 'percent'");
  const log = join(repo, '..', 'crash.log');
  writeFileSync(log, crash.stderr);
  return { repo, log };
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n');

describe('heal (embedded loop)', () => {
  it('resumes an interrupted healing from its recorded events instead of starting over', async () => {
    const { repo, log } = service();
    const store = new SqliteHealingStore(':memory:');
    const registry = createRegistry();
    const options = {
      repoRoot: repo,
      log: lines(log),
      testCommand: 'node --test test/',
      actor: 'tester',
      timeoutMs: 60_000,
    };

    // The first run is interrupted when validation is about to start (the process died, say).
    const interrupting: Progress = {
      ...silentProgress,
      step(title) {
        if (title.startsWith('Validating')) throw new Error('interrupted');
      },
    };
    await expect(heal(options, { registry, store, progress: interrupting })).rejects.toThrow('interrupted');
    const [open] = await store.list();
    expect(open?.state).toBe('candidates-generated');
    const before = await store.events(open?.id ?? '');

    const outcome = await heal({ ...options, log: lines(log) }, { registry, store, progress: silentProgress });
    expect(outcome.healingId).toBe(open?.id);
    expect(outcome.status).toBe('healed');
    const events = await store.events(outcome.healingId);
    expect(events.slice(0, before.length)).toEqual(before); // nothing recorded twice or rewritten
    expect(events.filter((e) => e.type === 'candidates-generated')).toHaveLength(1);
    expect(deriveState(events)).toBe('awaiting-approval');
    expect(readFileSync(join(repo, 'src/price.js'), 'utf8')).toBe(SOURCE);
    // Embedded: every plugin answer was served in this process, and the events say so.
    const served = events.filter((e) => e.data['plugin'] !== undefined);
    const results = events.filter((e) => e.type === 'candidate-result');
    expect(results.length).toBeGreaterThan(0);
    expect(served.map((e) => e.type)).toEqual(['analyzed', 'candidates-generated', ...results.map((e) => e.type)]);
    for (const e of served) expect(e.data['plugin']).toEqual({ via: 'in-process' });
  });

  it('records no-fix with the reason when the rule names no strategy for the error', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'hs-nofix-'));
    writeFileSync(join(repo, 'main.js'), "require('fs').readFileSync('/nonexistent/config.json');\n");
    const crash = spawnSync(process.execPath, ['main.js'], { cwd: repo, encoding: 'utf8' });
    const store = new SqliteHealingStore(':memory:');
    const outcome = await heal(
      { repoRoot: repo, log: crash.stderr.split('\n'), testCommand: 'true', actor: 't' },
      { registry: createRegistry(), store, progress: silentProgress },
    );
    expect(outcome.status).toBe('not-healed');
    expect(outcome.state).toBe('no-fix');
    expect(outcome.category).toBe('file-not-found');
    expect(outcome.reason.length).toBeGreaterThan(10);
  });
});
