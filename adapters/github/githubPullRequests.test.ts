import { afterEach, describe, expect, it } from 'vitest';
import { pullRequestBody, pullRequestTitle } from '../../core/deliver/pullRequest.ts';
import {
  GitHubAuthError,
  GitHubError,
  GitHubForbiddenError,
  GitHubNotFoundError,
  GitHubUnreachableError,
  GitHubValidationError,
} from './githubErrors.ts';
import { GitHubPullRequests } from './githubPullRequests.ts';
import { repositoryOfRemote } from './githubRepository.ts';
import { type GitHubStandIn, startGitHubStandIn } from './githubStandIn.ts';

// GitHub cannot be reached from here: the client talks to a stand-in for that external SaaS (githubStandIn.ts), a
// node:http server on loopback that implements the documented request and response shapes of create-PR and list-PRs.

const TOKEN = 'ghp_standInToken0123456789abcdefABCDEF';
const SUMMARY = [
  'fix(src/discounts.ts): null-reference — TypeError',
  '',
  "Error: TypeError: Cannot read properties of undefined (reading 'percent')",
  'Rule: js.null-reference.property-read — a property read on undefined',
  'Strategy: optional-chaining — guard the read',
  'Validation (isolated sandbox):',
  '  - test: passed (`npm test`, 812 ms) — 3 passed',
  'Risk: score 18, tier auto\n  - diff-size +4: 3 changed lines',
].join('\n');
const PR = {
  head: 'homeostasis/0123456789ab-1a2b3c4d',
  base: 'main',
  title: pullRequestTitle(SUMMARY),
  body: pullRequestBody(SUMMARY, 'homeostasis/0123456789ab-1a2b3c4d'),
};

let standIn: GitHubStandIn | null = null;
afterEach(async () => {
  await standIn?.close();
  standIn = null;
});

async function client(options: { token?: string; repository?: string; pathPrefix?: string } = {}) {
  standIn = await startGitHubStandIn({
    repository: 'acme/orders',
    token: TOKEN,
    ...(options.pathPrefix ? { pathPrefix: options.pathPrefix } : {}),
  });
  return new GitHubPullRequests({
    apiUrl: standIn.url,
    repository: options.repository ?? 'acme/orders',
    token: options.token ?? TOKEN,
  });
}

/** Every error's message and the whole error as a string: where a leaked token would show. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubError);
  const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
  expect(text).not.toContain(TOKEN);
  return error as Error;
}

describe('GitHubPullRequests (REST API, against a local stand-in)', () => {
  it('creates the pull request with the documented headers and a body that explains the fix', async () => {
    const github = await client();
    const pr = await github.open(PR);
    expect(pr).toEqual({ number: 1, url: `${standIn?.url}/acme/orders/pull/1`, existing: false });
    const [request] = standIn?.requests ?? [];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/repos/acme/orders/pulls');
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers.accept).toBe('application/vnd.github+json');
    expect(request?.headers['x-github-api-version']).toBe('2022-11-28');
    expect(request?.headers['user-agent']).toBe('homeostasis');
    const body = request?.body as { title: string; head: string; base: string; body: string };
    expect(body.title).toBe('fix(src/discounts.ts): null-reference — TypeError');
    expect(body.head).toBe('homeostasis/0123456789ab-1a2b3c4d');
    expect(body.base).toBe('main');
    for (const part of [
      'Error: TypeError',
      'Rule: js.null-reference',
      'Strategy: optional-chaining',
      'Validation',
      'Risk: score 18',
    ]) {
      expect(body.body).toContain(part);
    }
    // The message (log text included) sits in a fence longer than any backtick run inside it.
    expect(body.body).toContain('```text\nfix(src/discounts.ts)');
  });

  it('returns the open pull request when GitHub answers 422 "already exists"', async () => {
    const github = await client();
    const first = await github.open(PR);
    const again = await github.open(PR);
    expect(again).toEqual({ ...first, existing: true });
    expect(standIn?.pulls).toHaveLength(1);
    const [, create, list] = standIn?.requests ?? [];
    expect(create?.method).toBe('POST');
    expect(list?.method).toBe('GET');
    expect(list?.url).toBe(
      '/repos/acme/orders/pulls?state=open&head=acme%3Ahomeostasis%2F0123456789ab-1a2b3c4d&base=main',
    );
  });

  it('speaks to GitHub Enterprise under its /api/v3 base path', async () => {
    const github = await client({ pathPrefix: '/api/v3' });
    expect((await github.open(PR)).number).toBe(1);
    expect(standIn?.requests[0]?.url).toBe('/api/v3/repos/acme/orders/pulls');
  });

  it('401: a typed error that does not repeat the token', async () => {
    const github = await client({ token: 'ghp_wrongToken0123456789' });
    const error = await failure(github.open(PR));
    expect(error).toBeInstanceOf(GitHubAuthError);
    expect(error.message).toContain('401 (GitHub: Bad credentials)');
    expect(error.message).not.toContain('ghp_wrongToken0123456789');
  });

  it('403 and 404: typed errors that say what to check', async () => {
    const github = await client();
    standIn?.failNext(403, { message: 'Resource not accessible by personal access token' });
    const forbidden = await failure(github.open(PR));
    expect(forbidden).toBeInstanceOf(GitHubForbiddenError);
    expect(forbidden.message).toMatch(/pull requests: write.*Resource not accessible/);
    const elsewhere = new GitHubPullRequests({ apiUrl: standIn?.url ?? '', repository: 'acme/other', token: TOKEN });
    expect(await failure(elsewhere.open(PR))).toBeInstanceOf(GitHubNotFoundError);
  });

  it('422 for another reason (the head branch is not on GitHub): a validation error, not a found pull request', async () => {
    standIn = await startGitHubStandIn({ repository: 'acme/orders', token: TOKEN, branchExists: () => false });
    const github = new GitHubPullRequests({ apiUrl: standIn.url, repository: 'acme/orders', token: TOKEN });
    const error = await failure(github.open(PR));
    expect(error).toBeInstanceOf(GitHubValidationError);
    expect(error.message).toContain('Validation Failed: invalid');
  });

  it('an API nobody answers: GitHubUnreachableError naming the URL, not the token', async () => {
    const github = await client();
    const url = standIn?.url ?? '';
    await standIn?.close();
    standIn = null;
    const error = await failure(
      new GitHubPullRequests({ apiUrl: url, repository: 'acme/orders', token: TOKEN }).open(PR),
    );
    expect(error).toBeInstanceOf(GitHubUnreachableError);
    expect(error.message).toBe(`cannot reach ${url}: ECONNREFUSED`);
    expect(github.host).toBe(new URL(url).host);
  });

  it('refuses an API URL with credentials in it or over plain http, and a malformed repository name', () => {
    expect(
      () => new GitHubPullRequests({ apiUrl: 'https://u:p@ghe.example/api/v3', repository: 'a/b', token: TOKEN }),
    ).toThrow(/must not carry credentials/);
    expect(
      () => new GitHubPullRequests({ apiUrl: 'https://api.github.com', repository: '../x', token: TOKEN }),
    ).toThrow(/not a GitHub repository name/);
    expect(
      () => new GitHubPullRequests({ apiUrl: 'http://ghe.example/api/v3', repository: 'a/b', token: TOKEN }),
    ).toThrow(/must be https:\/\/ \(got http:\/\/ghe.example\)/);
  });
});

describe('repositoryOfRemote', () => {
  it.each([
    ['https://github.com/acme/orders.git', 'acme/orders'],
    ['git@github.com:acme/orders.git', 'acme/orders'],
    ['ssh://git@ghe.example.com/acme/orders', 'acme/orders'],
    ['https://ghe.example.com/acme/orders/', 'acme/orders'],
    ['/tmp/remote.git', null],
    ['file:///tmp/remote.git', null],
    ['https://example.com/a/b/c', null],
  ])('%s → %s', (url, expected) => {
    expect(repositoryOfRemote(url)).toBe(expected);
  });
});
