import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCandidate } from '../patch/makeCandidate.ts';
import { PushError } from './deliveryErrors.ts';
import { GitRemoteDelivery } from './gitRemoteDelivery.ts';
import { redact, remoteAuthEnv, tokenOrigin } from './remoteAuth.ts';

const TOKEN = 'ghp_httpPushToken0123456789abcdef';
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

describe('tokenOrigin / remoteAuthEnv / redact', () => {
  it('sends a token to https origins and loopback http only, never to a URL that has credentials', () => {
    expect(tokenOrigin('https://github.com/acme/orders.git')).toBe('https://github.com');
    expect(tokenOrigin('http://127.0.0.1:8080/r.git')).toBe('http://127.0.0.1:8080');
    expect(tokenOrigin('http://git.example.com/r.git')).toBeNull();
    expect(tokenOrigin('git@github.com:acme/orders.git')).toBeNull();
    expect(tokenOrigin('/srv/git/orders.git')).toBeNull();
    expect(tokenOrigin('https://me:pw@github.com/acme/orders.git')).toBeNull();
  });

  it('puts the header in GIT_CONFIG_* after any the user already set, and nothing without a token', () => {
    const env = remoteAuthEnv('https://github.com/a/b.git', TOKEN, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'k' });
    expect(env['GIT_CONFIG_COUNT']).toBe('2');
    expect(env['GIT_CONFIG_KEY_0']).toBe('k');
    expect(env['GIT_CONFIG_KEY_1']).toBe('http.https://github.com/.extraHeader');
    expect(env['GIT_CONFIG_VALUE_1']).toBe(`Authorization: Basic ${BASIC}`);
    expect(env['GIT_TERMINAL_PROMPT']).toBe('0');
    expect(remoteAuthEnv('https://github.com/a/b.git', null, {})).toEqual({ GIT_TERMINAL_PROMPT: '0' });
  });

  it('redacts the token, its Basic form and URL credentials', () => {
    expect(redact(`a ${TOKEN} b ${BASIC} https://me:pw@host/x`, TOKEN)).toBe('a *** b *** https://***@host/x');
  });
});

/**
 * A git smart-HTTP server on loopback: `git http-backend` (shipped with git) behind node:http, which refuses any
 * request without the token's `Authorization: Basic` header, as GitHub does for a private repository.
 */
async function gitHttpServer(root: string): Promise<{ url: string; server: Server; authorized: string[] }> {
  const authorized: string[] = [];
  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Basic ${BASIC}`) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://loopback');
    authorized.push(`${req.method} ${url.pathname}`);
    const child = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'x-access-token', // http-backend allows receive-pack (push) to an authenticated user only
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        HTTP_GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      },
    });
    req.pipe(child.stdin);
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('close', () => {
      const all = Buffer.concat(out);
      const split = all.indexOf('\r\n\r\n');
      const headers = all.subarray(0, split).toString('latin1').split('\r\n');
      const status = Number(headers.find((h) => h.startsWith('Status:'))?.slice(8, 11) ?? 200);
      for (const header of headers.filter((h) => !h.startsWith('Status:'))) {
        const colon = header.indexOf(':');
        res.setHeader(header.slice(0, colon), header.slice(colon + 1).trim());
      }
      res.writeHead(status);
      res.end(all.subarray(split + 4));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, authorized };
}

let server: Server | null = null;
const PATH = process.env['PATH'];
afterEach(async () => {
  process.env['PATH'] = PATH;
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

describe('pushing with a token to an http(s) remote', () => {
  it('the token goes as a header through the environment: the push arrives, no git argv contains it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-http-push-'));
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', join(dir, 'remote.git')]);
    const repo = join(dir, 'work');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    writeFileSync(join(repo, 'a.ts'), 'export const a = 1;\n');
    git(repo, 'add', '-A');
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    const http = await gitHttpServer(dir);
    server = http.server;
    git(repo, 'remote', 'add', 'origin', `${http.url}/remote.git`);

    // Every git the delivery runs goes through this wrapper, which writes down its arguments.
    const bin = join(dir, 'bin');
    const argvLog = join(dir, 'argv.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    execFileSync('mkdir', [bin]);
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${argvLog}'\nexec '${realGit}' "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    process.env['PATH'] = `${bin}:${PATH}`;

    const request = {
      repoRoot: repo,
      healingId: 'abcdef12-3456',
      fingerprint: 'fedcba9876543210fedcba9876543210',
      candidate: makeCandidate(
        {
          strategy: 's',
          description: 'd',
          edits: [{ path: 'a.ts', before: 'export const a = 1;\n', after: 'export const a = 2;\n' }],
        },
        0,
      ),
      summary: 'fix: a\n\nbody',
    };
    const refused = await new GitRemoteDelivery({ remote: 'origin' }).deliver(request).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PushError);
    expect(http.authorized).toEqual([]);

    const result = await new GitRemoteDelivery({ remote: 'origin', token: TOKEN }).deliver(request);
    expect(result.detail).toMatch(/^pushed origin: [0-9a-f]{12} on homeostasis\/fedcba987654-abcdef12$/);
    expect(http.authorized).toContain('POST /remote.git/git-receive-pack');
    expect(git(join(dir, 'remote.git'), 'show', 'homeostasis/fedcba987654-abcdef12:a.ts')).toBe(
      'export const a = 2;\n',
    );

    const argv = readFileSync(argvLog, 'utf8');
    expect(argv).toMatch(/^push --quiet origin [0-9a-f]{40}:refs\/heads\/homeostasis\/fedcba987654-abcdef12$/m);
    expect(argv).not.toContain(TOKEN);
    expect(argv).not.toContain(BASIC);
    expect(String((refused as Error).message)).not.toContain(TOKEN);
  });
});
