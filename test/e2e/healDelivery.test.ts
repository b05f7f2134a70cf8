import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../adapters/github/githubStandIn.ts';
import type { HealOutcome } from '../../core/heal/healOutcome.ts';
import { type CliRun, ROOT } from '../cliHarness.ts';
import { demoCheckout, git, treeState } from './demoCheckout.ts';

// `heal --push origin --pull-request` on a copy of the demo service. `origin` is a real bare repository on disk.
// GitHub cannot be reached from here: GITHUB_API_URL points at githubStandIn.ts, a local stand-in for that external
// SaaS implementing the documented create-PR and list-PRs shapes (and refusing a head branch the remote lacks).

const DEMO = join(ROOT, 'examples/orders-service');
const TOKEN = 'ghp_e2eDeliveryToken0123456789abcdef';
const WRONG_TOKEN = 'ghp_revokedToken9876543210fedcba';

/** The real CLI, run asynchronously: the stand-in server answers from this process while the CLI runs. */
function homeostasisAsync(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'homeostasis.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_TOKEN: '', GITHUB_REPOSITORY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('heal --push origin --pull-request (end to end, through the CLI)', () => {
  let repo: string;
  let remote: string;
  let github: GitHubStandIn;
  let env: Record<string, string>;
  let before: string;
  let heal: (token: string, ...extra: string[]) => Promise<CliRun>;

  beforeAll(async () => {
    repo = demoCheckout(DEMO, { exclude: /\/dist$/, linkNodeModules: true });
    remote = join(mkdtempSync(join(tmpdir(), 'hs-e2e-remote-')), 'orders-service.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
    git(repo, 'remote', 'add', 'origin', remote);
    git(repo, 'push', '-q', 'origin', 'main');
    github = await startGitHubStandIn({
      repository: 'acme/orders-service',
      token: TOKEN,
      branchExists: (branch) => git(remote, 'for-each-ref', `refs/heads/${branch}`).trim() !== '',
    });
    env = {
      HOMEOSTASIS_STATE_DIR: mkdtempSync(join(tmpdir(), 'hs-state-')),
      GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: 'acme/orders-service',
    };
    before = treeState(repo, 'src/discounts.ts');
    heal = (token, ...extra) =>
      homeostasisAsync(
        [
          'heal',
          '--repo',
          repo,
          '--log',
          join(repo, 'logs/crash.log'),
          '--reproduce',
          'npm run reproduce --silent',
          ...extra,
        ],
        { ...env, GITHUB_TOKEN: token },
      );
  });
  afterAll(() => github?.close());

  it('checks the flags before healing: --pull-request alone is usage (2), an unknown remote is 11, no token is 12', async () => {
    // In parallel: each is a CLI start that stops before any healing work.
    const [alone, nowhere, tokenless] = await Promise.all([
      heal(TOKEN, '--pull-request'),
      heal(TOKEN, '--push', 'upstream'),
      heal('', '--push', 'origin', '--pull-request'),
    ]);
    expect([alone.status, alone.stderr]).toEqual([2, 'homeostasis: --pull-request needs --push <remote>\n']);
    expect([nowhere.status, nowhere.stderr]).toEqual([
      11,
      'homeostasis: --push: the repository has no remote named upstream\n',
    ]);
    expect([tokenless.status, tokenless.stderr]).toEqual([
      12,
      'homeostasis: --pull-request needs a GitHub token: set GITHUB_TOKEN\n',
    ]);
    expect(github.requests).toHaveLength(0);
  });

  it('a refused token: the branch is pushed, exit 12 in one line, and the token appears nowhere', async () => {
    const run = await heal(WRONG_TOKEN, '--push', 'origin', '--pull-request', '--json');
    expect(run.status).toBe(12);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^homeostasis: homeostasis\/[0-9a-f]{12}-[0-9a-f]{8} is on origin, but no pull request on 127\.0\.0\.1:\d+: GitHub refused the token while creating the pull request: 401 \(GitHub: Bad credentials\)\n$/,
    );
    expect(run.stdout + run.stderr).not.toContain(WRONG_TOKEN);
    expect(github.requests.at(-1)?.headers.authorization).toBe(`Bearer ${WRONG_TOKEN}`);
    expect(github.pulls).toHaveLength(0);
    expect(git(remote, 'for-each-ref', '--format=%(refname)', 'refs/heads/homeostasis').trim()).toMatch(
      /^refs\/heads\/homeostasis\/[0-9a-f]{12}-[0-9a-f]{8}$/,
    );
  });

  it('with the right token: the same branch (not pushed again) and the pull request; exit 0', async () => {
    const [branch = ''] = git(remote, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/homeostasis').split(
      '\n',
    );
    const pushedSha = git(remote, 'rev-parse', branch).trim();
    const run = await heal(TOKEN, '--push', 'origin', '--pull-request', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const outcome = JSON.parse(run.stdout) as HealOutcome;
    expect(outcome.status).toBe('healed');
    expect(branch).toBe(
      `homeostasis/${outcome.fingerprint.slice(0, 12)}-${outcome.healingId.replace(/-/g, '').slice(0, 8)}`,
    );
    expect(outcome.delivered.map((d) => d.how)).toEqual(['pull-request']);
    expect(outcome.delivered[0]?.detail).toBe(
      `already on origin: ${pushedSha.slice(0, 12)} on ${branch}; pull request #1 opened: ${github.url}/acme/orders-service/pull/1`,
    );
    expect(git(remote, 'rev-parse', branch).trim()).toBe(pushedSha);

    // The commit on the remote: the fix only, and a message that explains it.
    expect(git(remote, 'diff', '--name-only', 'main', branch).trim()).toBe('src/discounts.ts');
    const message = git(remote, 'log', '-1', '--format=%B', branch);
    expect(message).toContain('Error: TypeError: Cannot read properties of undefined');
    expect(message).toMatch(/^Rule: js\./m);
    expect(message).toContain(`Strategy: ${outcome.patch?.strategy}`);
    expect(message).toMatch(/reproduce: passed/);
    expect(message).toMatch(/^Risk: /m);
    expect(message).toContain(`Healing: ${outcome.healingId}`);

    // The pull request as GitHub received it.
    const create = github.requests.filter((r) => r.method === 'POST').at(-1);
    expect(create?.url).toBe('/repos/acme/orders-service/pulls');
    expect(create?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(create?.headers['x-github-api-version']).toBe('2022-11-28');
    const body = create?.body as { title: string; head: string; base: string; body: string };
    expect(body.head).toBe(branch);
    expect(body.base).toBe('main');
    expect(body.title).toBe(message.split('\n')[0]);
    expect(body.body).toContain(message.trim());
    expect(run.stdout + run.stderr).not.toContain(TOKEN);

    // The user's checkout: as it was.
    expect(treeState(repo, 'src/discounts.ts')).toBe(before);
    expect(readFileSync(join(repo, 'src/discounts.ts'), 'utf8')).toBe(
      readFileSync(join(DEMO, 'src/discounts.ts'), 'utf8'),
    );
  });
});
