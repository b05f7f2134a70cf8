import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorEvent } from '../../core/schema/errorEvent.ts';
import { ErrorEventSchema } from '../../core/schema/errorEvent.ts';
import { homeostasis, ROOT } from '../cliHarness.ts';

const crashLog = join(ROOT, 'examples/orders-service/logs/crash.log');
const fixture = (path: string) => readFileSync(join(ROOT, 'test/fixtures/runtime/output', path), 'utf8');

describe('homeostasis analyze', () => {
  it('prints the demo log as ErrorEvent JSON, in order, with the contract fields', () => {
    const run = homeostasis(['analyze', '--log', crashLog, '--json']);
    expect(run.status).toBe(0);
    const events = JSON.parse(run.stdout) as ErrorEvent[];
    expect(events).toHaveLength(15);
    for (const event of events) expect(ErrorEventSchema.safeParse(event).success).toBe(true);
    const first = events.find((e) => e.message.includes("reading 'percent'"));
    expect(first).toMatchObject({ language: 'javascript', errorType: 'TypeError', category: 'null-reference' });
    expect(first?.frames[0]).toMatchObject({ function: 'applyDiscount', inApp: true });
    expect(first?.frames[0]?.file).toMatch(/\/srv\/orders\/dist\/src\/discounts\.js$/);
    // The uncaught report that killed the process comes last, as in the log.
    expect(events.at(-1)?.message).toContain("reading 'total'");
    const percent = events.filter((e) => e.message.includes("reading 'percent'"));
    expect(new Set(percent.map((e) => e.fingerprint)).size).toBe(1);
  });

  it('reads traces of every language in one mixed log', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'hs-mixed-')), 'mixed.log');
    writeFileSync(
      log,
      [
        fixture('python/logging_formatted.txt'),
        fixture('java/logback-style.txt'),
        fixture('go/nilmap.txt'),
        fixture('javascript/null-property.txt'),
      ].join('\n'),
    );
    const run = homeostasis(['analyze', '--log', log, '--json']);
    expect(run.status).toBe(0);
    const languages = new Set((JSON.parse(run.stdout) as ErrorEvent[]).map((e) => e.language));
    expect(languages).toEqual(new Set(['python', 'java', 'go', 'javascript']));
  });

  it('masks secrets before printing', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'hs-secret-')), 'secret.log');
    const stack = `Error: connect ECONNREFUSED postgres://orders:hunter2pw@db:5432/orders token=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n    at connect (/srv/app/db.js:3:9)`;
    writeFileSync(
      log,
      `${JSON.stringify({ level: 50, time: 1, msg: 'db down', err: { type: 'Error', message: stack.split('\n')[0]?.slice(7), stack } })}\n`,
    );
    const run = homeostasis(['analyze', '--log', log, '--json']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ECONNREFUSED');
    expect(run.stdout).not.toContain('hunter2pw');
    expect(run.stdout).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  });

  it('reads a log from stdin', () => {
    const run = homeostasis(['analyze', '--log', '-'], { input: fixture('javascript/null-property.txt') });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("TypeError: Cannot read properties of undefined (reading 'percent')");
  });
});

describe('homeostasis explain', () => {
  it('shows the parts of a fingerprint recorded by analyze', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'hs-state-'));
    const events = JSON.parse(
      homeostasis(['analyze', '--log', crashLog, '--json'], { stateDir }).stdout,
    ) as ErrorEvent[];
    const fp = events[0]?.fingerprint.slice(0, 12) ?? '';
    const run = homeostasis(['explain', fp], { stateDir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('homeostasis-fp-v2');
    expect(run.stdout).toMatch(/src\/orders:parseOrderRequest/);
    expect(run.stdout).toContain('line numbers left out');
  });
});

describe('homeostasis rules test', () => {
  // recheck proves each of ~400 patterns free of catastrophic backtracking (0.1-0.5 s each on a loaded 2-core machine).
  it('proves every rule of every language by its examples', { timeout: 600_000 }, () => {
    const run = homeostasis(['rules', 'test', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const reports = JSON.parse(run.stdout) as {
      language: string;
      report: { passed: boolean; counts: { rules: number } };
    }[];
    expect(reports.map((r) => r.language).sort()).toEqual([
      'csharp',
      'go',
      'java',
      'javascript',
      'php',
      'python',
      'ruby',
      'rust',
    ]);
    for (const r of reports) {
      expect(r.report.passed).toBe(true);
      // The four first languages have full rule sets; the newer ones start with at least 10 real rules.
      const minimum = ['python', 'java', 'go', 'javascript'].includes(r.language) ? 40 : 10;
      expect(r.report.counts.rules).toBeGreaterThanOrEqual(minimum);
    }
  });

  it('--explain shows the winning rule and the near rules tried', () => {
    const run = homeostasis([
      'rules',
      'test',
      '--language',
      'javascript',
      '--explain',
      "TypeError: Cannot read properties of undefined (reading 'percent')",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('js.null-reference.read-property');
    expect(run.stdout).toMatch(/did not match|lost/);
  });
});

describe('homeostasis schema', () => {
  it('prints the JSON Schema of ErrorEvent', () => {
    const schema = JSON.parse(homeostasis(['schema']).stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['fingerprint', 'category', 'frames', 'sourceFrames']),
    );
  });
});
