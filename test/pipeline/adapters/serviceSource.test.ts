import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../adapters/aws/awsClients.ts';
import { cloneArgs, GIT_TOKEN_ENV, TOKEN_CREDENTIAL_HELPER } from '../../../adapters/aws/gitClone.ts';
import { ServiceSource } from '../../../adapters/aws/serviceSource.ts';
import { SourceError, UnsafeArchiveError } from '../../../adapters/aws/sourceArchive.ts';
import type { ServiceConfig } from '../../../core/pipeline/serviceConfig.ts';
import { type LocalCloud, startLocalCloud, useEmulatorEnvironment } from '../../setup/localCloud.ts';

let moto: LocalCloud;
let clients: ReturnType<typeof createAwsClients>;
const work = mkdtempSync(join(tmpdir(), 'hs-source-test-'));

beforeAll(async () => {
  moto = await startLocalCloud();
  useEmulatorEnvironment(moto.endpoint);
  clients = createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' });
  await clients.s3.send(new CreateBucketCommand({ Bucket: 'sources' }));
});
afterAll(async () => {
  await moto?.stop();
});

const config = (source: ServiceConfig['source']): ServiceConfig => ({
  service: 'orders',
  language: 'typescript',
  source,
  testCommand: 'npm test',
  pathMappings: [],
  delivery: {},
});

async function upload(key: string, file: string): Promise<void> {
  await clients.s3.send(new PutObjectCommand({ Bucket: 'sources', Key: key, Body: readFileSync(file) }));
}

describe('ServiceSource from an S3 tarball', () => {
  it('unpacks the tarball into its own directory', async () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, 'src'), { recursive: true });
    writeFileSync(join(repo, 'src/a.ts'), 'export const a = 1;\n');
    writeFileSync(join(repo, 'package.json'), '{}\n');
    const archive = join(work, 'good.tar.gz');
    await tar.c({ gzip: true, file: archive, cwd: repo, portable: true }, ['.']);
    await upload('sources/orders/good.tar.gz', archive);
    const source = new ServiceSource({ ...clients, baseDir: work });
    const dir = await source.checkout(config({ kind: 's3', bucket: 'sources', key: 'sources/orders/good.tar.gz' }));
    expect(readFileSync(join(dir, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n');
    expect(dir.endsWith('/orders')).toBe(true);
  });

  it('refuses a tarball with an entry that escapes the directory, writing nothing', async () => {
    const inner = join(work, 'evil/inner');
    mkdirSync(inner, { recursive: true });
    writeFileSync(join(work, 'evil/escaped.txt'), 'outside\n');
    writeFileSync(join(inner, 'ok.txt'), 'ok\n');
    const archive = join(work, 'evil.tar.gz');
    // GNU tar with -P keeps `../escaped.txt` as written, as a hostile archive would.
    execFileSync('tar', ['-czPf', archive, 'ok.txt', '../escaped.txt'], { cwd: inner });
    await upload('sources/orders/evil.tar.gz', archive);
    const base = mkdtempSync(join(tmpdir(), 'hs-evil-'));
    const source = new ServiceSource({ ...clients, baseDir: base });
    await expect(
      source.checkout(config({ kind: 's3', bucket: 'sources', key: 'sources/orders/evil.tar.gz' })),
    ).rejects.toBeInstanceOf(UnsafeArchiveError);
    expect(existsSync(join(base, 'escaped.txt'))).toBe(false);
  });

  it('refuses a symbolic link pointing out of the directory', async () => {
    const repo = join(work, 'linky');
    mkdirSync(repo, { recursive: true });
    symlinkSync('/etc/passwd', join(repo, 'passwd'));
    const archive = join(work, 'link.tar.gz');
    await tar.c({ gzip: true, file: archive, cwd: repo }, ['.']);
    await upload('sources/orders/link.tar.gz', archive);
    const source = new ServiceSource({ ...clients, baseDir: work });
    await expect(
      source.checkout(config({ kind: 's3', bucket: 'sources', key: 'sources/orders/link.tar.gz' })),
    ).rejects.toThrow(/links outside/);
  });
});

describe('ServiceSource from git', () => {
  function bareRepo(): string {
    const src = join(work, 'git-src');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'README.md'), 'hello\n');
    const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
    git(src, 'init', '-q', '-b', 'main');
    git(src, 'add', '-A');
    git(src, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'initial');
    const bare = join(work, 'origin.git');
    git(work, 'clone', '-q', '--bare', src, bare);
    return bare;
  }

  it('clones a file:// repository shallowly, reading the token secret from Secrets Manager', async () => {
    const bare = bareRepo();
    const secret = await clients.secrets.send(
      new CreateSecretCommand({ Name: 'orders-git', SecretString: JSON.stringify({ token: 's3cr3t-token' }) }),
    );
    const source = new ServiceSource({ ...clients, baseDir: work });
    const dir = await source.checkout(
      config({ kind: 'git', url: `file://${bare}`, tokenSecretArn: secret.ARN as string }),
    );
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('hello\n');
    const depth = execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir, encoding: 'utf8' });
    expect(depth.trim()).toBe('1');
  });

  it('gives the token to git through the environment credential helper, never in argv', () => {
    const args = cloneArgs({ url: 'https://git.example.com/o/r.git', dir: '/tmp/x', token: 's3cr3t-token' });
    expect(args.join(' ')).not.toContain('s3cr3t-token');
    expect(args.slice(-3)).toEqual(['--', 'https://git.example.com/o/r.git', '/tmp/x']);
    // Ask git itself what the helper answers for a request, as it would during the clone.
    const fill = spawnSync(
      'git',
      ['-c', 'credential.helper=', '-c', `credential.helper=${TOKEN_CREDENTIAL_HELPER}`, 'credential', 'fill'],
      {
        input: 'protocol=https\nhost=git.example.com\n\n',
        env: { ...process.env, [GIT_TOKEN_ENV]: 's3cr3t-token', GIT_TERMINAL_PROMPT: '0' },
        encoding: 'utf8',
      },
    );
    expect(fill.status).toBe(0);
    expect(fill.stdout).toContain('username=x-access-token');
    expect(fill.stdout).toContain('password=s3cr3t-token');
  });

  it('refuses transports other than https and file', async () => {
    const source = new ServiceSource({ ...clients, baseDir: work });
    for (const url of ['ext::sh -c touch% /tmp/pwned', 'ssh://git@example.com/r.git', '--upload-pack=x']) {
      await expect(source.checkout(config({ kind: 'git', url }))).rejects.toBeInstanceOf(SourceError);
    }
  });
});
