import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exitCodes.ts';
import { homeostasis, ROOT } from '../cliHarness.ts';

const demo = join(ROOT, 'examples/orders-service');
const crashLog = join(demo, 'logs/crash.log');

/** The error is one line, the last on stderr; only progress steps (`[  0.0s] ...`) may come before it. */
function expectOneLine(run: { stderr: string; stdout: string }, pattern: RegExp) {
  const lines = run.stderr.trim().split('\n');
  const errors = lines.filter((line) => !/^\[\s*\d+\.\ds\]/.test(line));
  expect(errors).toHaveLength(1);
  expect(lines[lines.length - 1]).toBe(errors[0]);
  expect(errors[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /); // never a stack trace
}

describe('bad input gets one line and a distinct exit code', () => {
  it('missing repository', () => {
    const run = homeostasis(['heal', '--repo', '/nonexistent/repo', '--log', crashLog]);
    expect(run.status).toBe(EXIT.repositoryNotFound);
    expectOneLine(run, /repository not found/);
  });

  it('unreadable log', () => {
    const run = homeostasis(['heal', '--repo', demo, '--log', '/nonexistent/crash.log']);
    expect(run.status).toBe(EXIT.logUnreadable);
    expectOneLine(run, /cannot read log/);
  });

  it('a log with no error in it', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'hs-')), 'clean.log');
    writeFileSync(
      log,
      '{"level":30,"msg":"retrying after transient error"}\nWARN error budget 2% used\nINFO: 0 errors\n',
    );
    const run = homeostasis(['heal', '--repo', demo, '--log', log]);
    expect(run.status).toBe(EXIT.noErrorFound);
    expectOneLine(run, /no error was found/);
  });

  it('no test command given and none found', () => {
    const repo = mkdtempSync(join(tmpdir(), 'hs-notests-'));
    writeFileSync(join(repo, 'index.js'), 'module.exports = 1;\n');
    const run = homeostasis(['heal', '--repo', repo, '--log', crashLog]);
    expect(run.status).toBe(EXIT.testCommandMissing);
    expectOneLine(run, /no test command/);
  });

  it('unknown option', () => {
    const run = homeostasis(['heal', '--repo', demo, '--log', crashLog, '--frobnicate']);
    expect(run.status).toBe(EXIT.usage);
    expectOneLine(run, /unknown option/);
  });

  it('a malformed fingerprint for explain', () => {
    const run = homeostasis(['explain', 'not-a-fingerprint']);
    expect(run.status).toBe(EXIT.usage);
    expectOneLine(run, /fingerprint/);
  });
});
