import { z } from 'zod';
import type { PullRequestOpener, PullRequestRef, PullRequestRequest } from '../../core/deliver/pullRequest.ts';
import {
  GitHubAuthError,
  GitHubError,
  GitHubForbiddenError,
  GitHubNotFoundError,
  GitHubUnreachableError,
  GitHubValidationError,
} from './githubErrors.ts';
import { isRepositoryName } from './githubRepository.ts';

export const GITHUB_API_URL = 'https://api.github.com';

export interface GitHubConfig {
  /** `https://api.github.com`, or `https://<host>/api/v3` for GitHub Enterprise Server. */
  apiUrl: string;
  /** `owner/name`. */
  repository: string;
  token: string;
  /** Per request; GitHub answers in well under a second, 30 s is a network that is gone. */
  timeoutMs?: number;
}

/** The fields of a pull request object this client reads (the REST API returns many more). */
const PullRequestSchema = z.object({ number: z.number().int().positive(), html_url: z.string().url() });
const ErrorBodySchema = z.object({
  message: z.string().optional(),
  errors: z.array(z.object({ message: z.string().optional(), code: z.string().optional() }).passthrough()).optional(),
});

/**
 * Opens pull requests with the GitHub REST API (Node's fetch, no SDK):
 * - create: `POST /repos/{owner}/{repo}/pulls` with `{title, head, base, body}` → 201 and the pull request
 *   (https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request);
 * - when one is already open for the head, GitHub answers 422 "A pull request already exists for owner:branch.":
 *   the open one is found with `GET /repos/{owner}/{repo}/pulls?state=open&head=owner:branch&base=...`
 *   (https://docs.github.com/en/rest/pulls/pulls#list-pull-requests) and returned, so delivering twice is harmless.
 * Headers as the docs require: `Accept: application/vnd.github+json`, `X-GitHub-Api-Version: 2022-11-28`,
 * `Authorization: Bearer <token>`, and a `User-Agent` (requests without one are rejected).
 */
export class GitHubPullRequests implements PullRequestOpener {
  readonly host: string;
  private readonly apiUrl: string;
  private readonly owner: string;
  private readonly repo: string;

  constructor(private readonly config: GitHubConfig) {
    if (!isRepositoryName(config.repository)) {
      throw new GitHubError(`"${config.repository}" is not a GitHub repository name (owner/name)`, null);
    }
    const url = new URL(config.apiUrl);
    if (url.username || url.password) throw new GitHubError('the GitHub API URL must not carry credentials', null);
    // The token travels in a header: https only, except to this machine (a loopback server never crosses a network).
    const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      throw new GitHubError(`the GitHub API URL must be https:// (got ${url.protocol}//${url.host})`, null);
    }
    this.apiUrl = `${url.origin}${url.pathname.replace(/\/$/, '')}`;
    this.host = url.host;
    [this.owner = '', this.repo = ''] = config.repository.split('/');
  }

  async open(request: PullRequestRequest): Promise<PullRequestRef> {
    const response = await this.call('POST', this.pullsPath(), {
      title: request.title,
      head: request.head,
      base: request.base,
      body: request.body,
    });
    if (response.status === 201) return { ...this.parsePull(response.body), existing: false };
    if (response.status === 422 && alreadyExists(response.body)) return this.findOpen(request);
    throw errorFor(response.status, response.body, 'creating the pull request');
  }

  private async findOpen(request: PullRequestRequest): Promise<PullRequestRef> {
    const query = new URLSearchParams({ state: 'open', head: `${this.owner}:${request.head}`, base: request.base });
    const response = await this.call('GET', `${this.pullsPath()}?${query}`);
    if (response.status !== 200) throw errorFor(response.status, response.body, 'listing pull requests');
    const found = z.array(PullRequestSchema).safeParse(response.body);
    if (!found.success) throw new GitHubError('GitHub listed pull requests in an unexpected shape', 200);
    const first = found.data[0];
    if (!first) {
      throw new GitHubValidationError(
        `GitHub says a pull request for ${request.head} exists, but none is open into ${request.base}`,
        422,
      );
    }
    return { number: first.number, url: first.html_url, existing: true };
  }

  private pullsPath(): string {
    return `/repos/${encodeURIComponent(this.owner)}/${encodeURIComponent(this.repo)}/pulls`;
  }

  private parsePull(body: unknown): Omit<PullRequestRef, 'existing'> {
    const parsed = PullRequestSchema.safeParse(body);
    if (!parsed.success) throw new GitHubError('GitHub answered 201 without a pull request number and URL', 201);
    return { number: parsed.data.number, url: parsed.data.html_url };
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await fetch(`${this.apiUrl}${path}`, {
        method,
        headers: {
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          Authorization: `Bearer ${this.config.token}`,
          'User-Agent': 'homeostasis',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 30_000),
        redirect: 'error',
      });
    } catch (error) {
      // fetch's own message is "fetch failed"; the cause names the network problem. Neither carries headers.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? (error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'no answer');
      throw new GitHubUnreachableError(`cannot reach ${this.apiUrl}: ${why}`, null);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed };
  }
}

function alreadyExists(body: unknown): boolean {
  const parsed = ErrorBodySchema.safeParse(body);
  return parsed.success && (parsed.data.errors ?? []).some((e) => /already exists/i.test(e.message ?? ''));
}

/** GitHub's reason, shortened to one line: it is shown to the user as is. */
function reasonOf(body: unknown): string {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return '';
  const details = (parsed.data.errors ?? []).map((e) => e.message ?? e.code ?? '').filter(Boolean);
  const text = [parsed.data.message, ...details].filter(Boolean).join(': ');
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

function errorFor(status: number, body: unknown, doing: string): GitHubError {
  const reason = reasonOf(body);
  const said = reason ? ` (GitHub: ${reason})` : '';
  if (status === 401) return new GitHubAuthError(`GitHub refused the token while ${doing}: 401${said}`, status);
  if (status === 403) {
    return new GitHubForbiddenError(
      `the token may not do this (needs pull requests: write) or a rate limit applies, while ${doing}: 403${said}`,
      status,
    );
  }
  if (status === 404) {
    return new GitHubNotFoundError(`the repository does not exist or the token cannot see it: 404${said}`, status);
  }
  if (status === 422) return new GitHubValidationError(`GitHub rejected the pull request: 422${said}`, status);
  return new GitHubError(`GitHub answered ${status} while ${doing}${said}`, status);
}
