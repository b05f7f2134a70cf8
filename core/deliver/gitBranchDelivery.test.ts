import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../heal/healErrors.ts';
import { makeCandidate } from '../patch/makeCandidate.ts';
import { GitBranchDelivery } from './gitBranchDelivery.ts';
import { WorkingTreeDelivery } from './workingTreeDelivery.ts';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hs-git-'));
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
  return dir;
}

const candidate = (before: string, after: string) =>
  makeCandidate({ strategy: 'default-value', description: 'd', edits: [{ path: 'a.ts', before, after }] }, 0);

const request = (repoRoot: string, c: ReturnType<typeof candidate>) => ({
  repoRoot,
  healingId: 'h1',
  fingerprint: '0123456789abcdef0123456789abcdef',
  candidate: c,
  summary: 'fix: a\n\nbecause',
});

describe('GitBranchDelivery', () => {
  it('commits on homeostasis/<short-fingerprint> without touching the checkout', async () => {
    const dir = repo();
    const result = await new GitBranchDelivery().deliver(
      request(dir, candidate('export const a = 1;\n', 'export const a = 2;\n')),
    );
    expect(result.detail).toMatch(/on homeostasis\/0123456789ab$/);
    expect(git(dir, 'show', 'homeostasis/0123456789ab:a.ts')).toBe('export const a = 2;\n');
    expect(git(dir, 'log', '-1', '--format=%B', 'homeostasis/0123456789ab').trim()).toBe('fix: a\n\nbecause');
    expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe('export const a = 1;\n');
  });

  it('leaves no branch behind when the patch does not apply to HEAD', async () => {
    const dir = repo();
    const stale = candidate('export const a = 7;\n', 'export const a = 8;\n');
    await expect(new GitBranchDelivery().deliver(request(dir, stale))).rejects.toThrow(DeliveryError);
    expect(git(dir, 'branch', '--list').trim()).toBe('* main');
  });

  it('refuses outside a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-nogit-'));
    await expect(new GitBranchDelivery().deliver(request(dir, candidate('', 'x')))).rejects.toThrow(
      /not inside a git repository/,
    );
  });
});

describe('WorkingTreeDelivery', () => {
  it('refuses to write over a file that changed since it was read', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'a.ts'), 'export const a = 3;\n');
    const c = candidate('export const a = 1;\n', 'export const a = 2;\n');
    await expect(new WorkingTreeDelivery().deliver(request(dir, c))).rejects.toThrow(/changed since it was read/);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe('export const a = 3;\n');
  });
});
