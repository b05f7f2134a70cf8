import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitHubPullRequests } from '../../adapters/github/githubPullRequests.ts';
import { type GitHubStandIn, startGitHubStandIn } from '../../adapters/github/githubStandIn.ts';
import { DeliveryError } from '../heal/healErrors.ts';
import { makeCandidate } from '../patch/makeCandidate.ts';
import { PullRequestError, PushError } from './deliveryErrors.ts';
import { GitRemoteDelivery } from './gitRemoteDelivery.ts';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
const ONE = 'export const a = 1;\n';
const FINGERPRINT = '0123456789abcdef0123456789abcdef';
const HEALING = '1a2b3c4d-0000-4000-8000-000000000000';
const BRANCH = 'homeostasis/0123456789ab-1a2b3c4d';
const SUMMARY =
  'fix(a.ts): null-reference — TypeError\n\nError: TypeError: x\nRule: r\nStrategy: s\nValidation: ok\nRisk: 5/100';

/** A user's checkout on `main` whose `origin` is a real bare repository on disk, `main` already pushed. */
function checkout(): { repo: string; remote: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hs-push-'));
  const remote = join(dir, 'remote.git');
  const repo = join(dir, 'work');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  writeFileSync(join(repo, 'a.ts'), ONE);
  git(repo, 'add', '-A');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
  git(repo, 'remote', 'add', 'origin', remote);
  git(repo, 'push', '-q', 'origin', 'main');
  return { repo, remote };
}

const candidate = (after: string) =>
  makeCandidate({ strategy: 'default-value', description: 'd', edits: [{ path: 'a.ts', before: ONE, after }] }, 0);

const request = (repoRoot: string, after = 'export const a = 2;\n') => ({
  repoRoot,
  healingId: HEALING,
  fingerprint: FINGERPRINT,
  candidate: candidate(after),
  summary: SUMMARY,
});

/** What "the user's checkout is untouched" means: branch, status (ignored files too), branches, worktrees, file. */
const userState = (repo: string) =>
  [
    git(repo, 'rev-parse', '--abbrev-ref', 'HEAD'),
    git(repo, 'status', '--porcelain', '--ignored'),
    git(repo, 'branch', '--list'),
    git(repo, 'worktree', 'list', '--porcelain').replace(/HEAD [0-9a-f]+/, ''),
    readFileSync(join(repo, 'a.ts'), 'utf8'),
  ].join('\n');

let standIn: GitHubStandIn | null = null;
afterEach(async () => {
  await standIn?.close();
  standIn = null;
});

describe('GitRemoteDelivery against a local bare repository', () => {
  it('pushes homeostasis/<fingerprint>-<healing> with the full message; the checkout is untouched', async () => {
    const { repo, remote } = checkout();
    const before = userState(repo);
    const result = await new GitRemoteDelivery({ remote: 'origin' }).deliver(request(repo));
    expect(result.how).toBe('push');
    expect(result.detail).toMatch(new RegExp(`^pushed origin: [0-9a-f]{12} on ${BRANCH}$`));
    expect(git(remote, 'log', '-1', '--format=%B', BRANCH).trim()).toBe(SUMMARY);
    expect(git(remote, 'show', `${BRANCH}:a.ts`)).toBe('export const a = 2;\n');
    expect(git(remote, 'rev-parse', `${BRANCH}~1`)).toBe(git(repo, 'rev-parse', 'main'));
    expect(git(remote, 'log', '-1', '--format=%an <%ae>', BRANCH).trim()).toBe('Homeostasis <homeostasis@localhost>');
    expect(userState(repo)).toBe(before);
  });

  it('is idempotent: the same patch again changes nothing; a changed patch is a fast-forward commit on top', async () => {
    const { repo, remote } = checkout();
    const delivery = new GitRemoteDelivery({ remote: 'origin' });
    await delivery.deliver(request(repo));
    const first = git(remote, 'rev-parse', BRANCH).trim();

    const again = await delivery.deliver(request(repo));
    expect(again.detail).toBe(`already on origin: ${first.slice(0, 12)} on ${BRANCH}`);
    expect(git(remote, 'rev-parse', BRANCH).trim()).toBe(first);

    const changed = await delivery.deliver(request(repo, 'export const a = 3;\n'));
    const second = git(remote, 'rev-parse', BRANCH).trim();
    expect(changed.detail).toBe(`pushed origin: ${second.slice(0, 12)} on ${BRANCH}`);
    expect(git(remote, 'rev-parse', `${BRANCH}~1`).trim()).toBe(first);
    expect(git(remote, 'show', `${BRANCH}:a.ts`)).toBe('export const a = 3;\n');
    expect(git(remote, 'diff', '--stat', 'main', BRANCH)).toContain('a.ts | 2 +-');
  });

  it('a remote branch made from another commit than HEAD is a clear error, and stays as it was', async () => {
    const { repo, remote } = checkout();
    await new GitRemoteDelivery({ remote: 'origin' }).deliver(request(repo));
    const pushed = git(remote, 'rev-parse', BRANCH);
    writeFileSync(join(repo, 'b.ts'), 'export const b = 1;\n');
    git(repo, 'add', 'b.ts');
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'more');
    const error = await new GitRemoteDelivery({ remote: 'origin' }).deliver(request(repo)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushError);
    expect((error as Error).message).toBe(
      `origin already has ${BRANCH} made from another commit than HEAD; delete it there to deliver again`,
    );
    expect(git(remote, 'rev-parse', BRANCH)).toBe(pushed);
  });

  it('reports a rejected push in one line and leaves no worktree behind', async () => {
    const { repo, remote } = checkout();
    writeFileSync(
      join(remote, 'hooks', 'pre-receive'),
      '#!/bin/sh\necho "branch protection: homeostasis/* is read-only" >&2\nexit 1\n',
      {
        mode: 0o755,
      },
    );
    const before = userState(repo);
    const error = await new GitRemoteDelivery({ remote: 'origin' }).deliver(request(repo)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushError);
    expect((error as Error).message).toMatch(
      /^git push to origin failed: remote: branch protection: homeostasis\/\* is read-only; ! \[remote rejected\] .*\(pre-receive hook declined\)/,
    );
    expect((error as Error).message).not.toContain('\n');
    expect(userState(repo)).toBe(before);
    expect(git(remote, 'for-each-ref', '--format=%(refname)', 'refs/heads').trim()).toBe('refs/heads/main');
  });

  it('refuses an unknown remote, a remote name that could be an option, and a patch that does not apply', async () => {
    const { repo } = checkout();
    await expect(new GitRemoteDelivery({ remote: 'upstream' }).deliver(request(repo))).rejects.toThrow(
      new PushError('the repository has no remote named upstream'),
    );
    expect(() => new GitRemoteDelivery({ remote: '--receive-pack=touch x' })).toThrow(DeliveryError);
    const stale = {
      ...request(repo),
      candidate: makeCandidate(
        { strategy: 's', description: 'd', edits: [{ path: 'a.ts', before: 'x\n', after: 'y\n' }] },
        0,
      ),
    };
    await expect(new GitRemoteDelivery({ remote: 'origin' }).deliver(stale)).rejects.toThrow(/does not apply to HEAD/);
  });
});

describe('GitRemoteDelivery with a pull request (GitHub REST API stand-in)', () => {
  // GitHub cannot be reached here: githubStandIn.ts is a local stand-in for that external SaaS.
  const TOKEN = 'ghp_pushTestToken0123456789';

  async function opener(remote: string) {
    standIn = await startGitHubStandIn({
      repository: 'acme/orders',
      token: TOKEN,
      // As GitHub does, the stand-in refuses a head branch the repository does not have.
      branchExists: (branch) => git(remote, 'branch', '--list', branch).trim() !== '',
    });
    return new GitHubPullRequests({ apiUrl: standIn.url, repository: 'acme/orders', token: TOKEN });
  }

  it('pushes, then opens the pull request into the branch the patch was made from', async () => {
    const { repo, remote } = checkout();
    const delivery = new GitRemoteDelivery({ remote: 'origin', token: TOKEN, pullRequests: await opener(remote) });
    const result = await delivery.deliver(request(repo));
    expect(result.how).toBe('pull-request');
    expect(result.detail).toMatch(
      new RegExp(`on ${BRANCH}; pull request #1 opened: ${standIn?.url}/acme/orders/pull/1$`),
    );
    const [pull] = standIn?.pulls ?? [];
    expect(pull?.head.ref).toBe(BRANCH);
    expect(pull?.base.ref).toBe('main');
    expect(pull?.title).toBe('fix(a.ts): null-reference — TypeError');
    expect(pull?.body).toContain(SUMMARY);

    const again = await delivery.deliver(request(repo));
    expect(again.detail).toMatch(/^already on origin: .*; pull request #1 already open: /);
    expect(standIn?.pulls).toHaveLength(1);
  });

  it('a refused pull request after the push: PullRequestError says the branch is on the remote; a retry opens it', async () => {
    const { repo, remote } = checkout();
    const delivery = new GitRemoteDelivery({ remote: 'origin', token: TOKEN, pullRequests: await opener(remote) });
    standIn?.failNext(403, { message: 'Resource not accessible by integration' });
    const error = await delivery.deliver(request(repo)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PullRequestError);
    expect((error as Error).message).toMatch(
      new RegExp(`^${BRANCH} is on origin, but no pull request on 127\\.0\\.0\\.1:\\d+: .*403`),
    );
    expect((error as Error).message).not.toContain(TOKEN);
    expect(git(remote, 'branch', '--list', BRANCH).trim()).toBe(BRANCH);
    expect((await delivery.deliver(request(repo))).detail).toMatch(/^already on origin: .*pull request #1 opened/);
  });

  it('a detached HEAD has no branch to merge into: refused before anything is pushed', async () => {
    const { repo, remote } = checkout();
    git(repo, 'checkout', '-q', '--detach');
    const delivery = new GitRemoteDelivery({ remote: 'origin', pullRequests: await opener(remote) });
    await expect(delivery.deliver(request(repo))).rejects.toThrow(PullRequestError);
    expect(git(remote, 'for-each-ref', '--format=%(refname)', 'refs/heads').trim()).toBe('refs/heads/main');
    expect(standIn?.requests).toHaveLength(0);
  });
});
