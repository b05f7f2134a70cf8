import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST SUPPORT ONLY. A stand-in for GitHub's REST API (an external SaaS this machine cannot reach), on loopback,
 * port 0. It implements the documented shapes of the two endpoints the client uses, and nothing else:
 * - `POST /repos/{owner}/{repo}/pulls` → 201 with the pull request; 422 "Validation Failed" with
 *   `errors[].message` "A pull request already exists for owner:branch." when one is open for head and base; 422
 *   `{field: 'head', code: 'invalid'}` when the head branch does not exist
 *   (https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request);
 * - `GET /repos/{owner}/{repo}/pulls?state=&head=owner:branch&base=` → 200 and an array
 *   (https://docs.github.com/en/rest/pulls/pulls#list-pull-requests);
 * - 401 `{"message": "Bad credentials"}` without the expected `Authorization: Bearer <token>`, 404 for another
 *   repository, 415/400 when the documented `Accept` / `X-GitHub-Api-Version` headers are missing.
 */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface StandInOptions {
  repository: string;
  token: string;
  /** Where the API lives on the host: '' like api.github.com, '/api/v3' like GitHub Enterprise Server. */
  pathPrefix?: string;
  /** Whether the head branch exists (GitHub checks the repository); default: every branch exists. */
  branchExists?: (branch: string) => boolean;
}

interface StoredPull {
  number: number;
  html_url: string;
  state: 'open';
  title: string;
  body: string;
  head: { ref: string; label: string };
  base: { ref: string };
}

export interface GitHubStandIn {
  /** The API base URL to configure the client with. */
  url: string;
  requests: RecordedRequest[];
  pulls: StoredPull[];
  /** The next response is this one, whatever the request (403, 500, ...). */
  failNext(status: number, body: unknown): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest/pulls/pulls';

export async function startGitHubStandIn(options: StandInOptions): Promise<GitHubStandIn> {
  const requests: RecordedRequest[] = [];
  const pulls: StoredPull[] = [];
  const forced: { status: number; body: unknown }[] = [];
  const [owner] = options.repository.split('/');
  let origin = '';

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    const next = forced.shift();
    if (next) return send(next.status, next.body);
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      return send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }
    if (req.headers.accept !== 'application/vnd.github+json') return send(415, { message: 'Unsupported Media Type' });
    if (req.headers['x-github-api-version'] !== '2022-11-28') return send(400, { message: 'Invalid API version' });
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname !== `${options.pathPrefix ?? ''}/repos/${options.repository}/pulls`)
      return send(404, { message: 'Not Found' });

    if (req.method === 'GET') {
      const head = url.searchParams.get('head');
      const base = url.searchParams.get('base');
      return send(
        200,
        pulls.filter((p) => (!head || p.head.label === head) && (!base || p.base.ref === base)),
      );
    }
    if (req.method !== 'POST') return send(404, { message: 'Not Found' });
    const input = body as { title?: unknown; head?: unknown; base?: unknown; body?: unknown } | null;
    if (typeof input?.head !== 'string' || typeof input.base !== 'string' || typeof input.title !== 'string') {
      return send(422, { message: 'Invalid request.', documentation_url: DOCS });
    }
    const { head, base, title } = input;
    if (!(options.branchExists?.(head) ?? true)) {
      return send(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }],
        documentation_url: DOCS,
      });
    }
    if (pulls.some((p) => p.head.ref === head && p.base.ref === base)) {
      return send(422, {
        message: 'Validation Failed',
        errors: [
          { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${head}.` },
        ],
        documentation_url: DOCS,
      });
    }
    const number = pulls.length + 1;
    const pull: StoredPull = {
      number,
      html_url: `${origin}/${options.repository}/pull/${number}`,
      state: 'open',
      title,
      body: typeof input.body === 'string' ? input.body : '',
      head: { ref: head, label: `${owner}:${head}` },
      base: { ref: base },
    };
    pulls.push(pull);
    return send(201, pull);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${options.pathPrefix ?? ''}`,
    requests,
    pulls,
    failNext: (status, body) => forced.push({ status, body }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
