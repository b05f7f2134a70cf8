import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { SqliteTrackRecords } from '../../embedded/sqliteTrackRecords.ts';
import { homeostasis, ROOT } from '../cliHarness.ts';
import { type SeededHealings, seedHealings } from '../support/seedHealings.ts';

let stateDir: string;
let seeded: SeededHealings;
let store: SqliteHealingStore;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'hs-decide-'));
  const file = join(stateDir, 'homeostasis.db');
  store = new SqliteHealingStore(file);
  seeded = await seedHealings(store, new SqliteTrackRecords(file));
});

afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const as = (user: string, args: string[]) => homeostasis(args, { stateDir, env: { USER: user } });

describe('homeostasis approve | reject | kill-switch (embedded store)', () => {
  it('needs two distinct reviewers for a two-reviewer patch and records each with actor and reason', async () => {
    const first = as('alice', ['approve', seeded.awaiting.slice(0, 10), '--reason', 'guard matches the pricing rule']);
    expect(first).toMatchObject({ status: 0, stderr: '' });
    expect(first.stdout).toBe(`healing ${seeded.awaiting}: 1 of 2 approval(s); waiting for 1 more\n`);
    const twice = as('alice', ['approve', seeded.awaiting, '--reason', 'again']);
    expect(twice.status).toBe(14);
    expect(twice.stderr).toMatch(/^homeostasis: cannot approve healing heal-awaiting: .*alice.*\n$/);
    const second = as('bob', ['approve', seeded.awaiting, '--reason', 'covered by the new test', '--json']);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout).approval).toMatchObject({ approved: true, required: 2 });
    const approvals = (await store.events(seeded.awaiting)).filter((e) => e.type === 'approved');
    expect(approvals.map((e) => [e.actor, e.reason])).toEqual([
      ['alice', 'guard matches the pricing rule'],
      ['bob', 'covered by the new test'],
    ]);
  });

  it('refuses decisions it cannot take with one line and a distinct exit code', () => {
    const failed = as('alice', ['reject', seeded.failed, '--reason', 'no']);
    expect(failed.status).toBe(14);
    expect(failed.stderr.split('\n')).toHaveLength(2);
    expect(as('alice', ['approve', 'nope', '--reason', 'x'])).toMatchObject({
      status: 13,
      stderr: 'homeostasis: no healing nope\n',
    });
    expect(as('alice', ['approve', 'heal-'])).toMatchObject({ status: 2 });
    expect(as('alice', ['reject', 'heal-', '--reason', 'x']).stderr).toMatch(/ambiguous/);
  });

  it('turns the kill switch on and off, saying who did it and why', () => {
    expect(as('ops', ['kill-switch']).stdout).toBe('kill switch off (never set)\n');
    expect(as('ops', ['kill-switch', 'on']).status).toBe(2);
    expect(as('ops', ['kill-switch', 'maybe', '--reason', 'x']).status).toBe(2);
    expect(as('ops', ['kill-switch', 'on', '--reason', 'incident 4711']).stdout).toMatch(
      /^kill switch ON: automatic delivery is stopped \(set by ops at .*: incident 4711\)\n$/,
    );
    expect(JSON.parse(as('viewer', ['kill-switch', '--json']).stdout)).toMatchObject({ on: true, by: 'ops' });
    expect(as('ops', ['kill-switch', 'off', '--reason', 'resolved']).stdout).toMatch(/^kill switch off/);
  });

  it('serves the API over the same store with a one-time key, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/homeostasis.mjs'), 'serve', '--port', '0'], {
      env: { ...process.env, HOMEOSTASIS_STATE_DIR: stateDir, USER: 'carol', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const deadline = Date.now() + 60_000;
    while (!/API key for this session/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const url = /(http:\/\/127\.0\.0\.1:\d+)\/dashboard\//.exec(out)?.[1];
    const key = /every role\): (\S+)/.exec(out)?.[1];
    expect(url && key).toBeTruthy();
    const list = await fetch(`${url}/v1/healings`, { headers: { 'x-api-key': key as string } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { healings: unknown[] }).healings).toHaveLength((await store.list()).length);
    expect((await fetch(`${url}/v1/healings`, { headers: { 'x-api-key': 'not-the-key-at-all' } })).status).toBe(401);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(out).toMatch(/stopping \(SIGTERM\)\n$/);
  });
});
