import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SourceProvider } from '../../core/pipeline/pipelinePorts.ts';
import type { ServiceConfig, SourceLocation } from '../../core/pipeline/serviceConfig.ts';
import { gitClone } from './gitClone.ts';
import { SourceError, unpackArchive } from './sourceArchive.ts';

export interface ServiceSourceOptions {
  s3: S3Client;
  secrets: SecretsManagerClient;
  /** Parent of the checkouts: the Lambda's /tmp (its only writable disk). */
  baseDir?: string;
}

/**
 * Fetches a service's source into a fresh directory: an S3 tarball (unpacked after every entry was checked) or a
 * shallow git clone with a token from Secrets Manager. A warm function reuses the checkout of the same location:
 * stages only read it (validation copies it into a sandbox), and a new upload gets a new key.
 */
export class ServiceSource implements SourceProvider {
  private readonly checkouts = new Map<string, Promise<string>>();

  constructor(private readonly options: ServiceSourceOptions) {}

  checkout(config: ServiceConfig): Promise<string> {
    const key = JSON.stringify(config.source);
    let dir = this.checkouts.get(key);
    if (!dir) {
      dir = this.fetch(config.service, config.source);
      dir.catch(() => this.checkouts.delete(key));
      this.checkouts.set(key, dir);
    }
    return dir;
  }

  private async fetch(service: string, source: SourceLocation): Promise<string> {
    const base = await mkdtemp(join(this.options.baseDir ?? tmpdir(), 'hs-src-'));
    // The service name is the directory the builds see; it comes from the registry, checked by its schema.
    const dir = join(base, service.replace(/[^\w.-]/g, '_'));
    if (source.kind === 's3') {
      await mkdir(dir);
      const archive = join(base, 'source.tar.gz');
      const object = await this.options.s3.send(new GetObjectCommand({ Bucket: source.bucket, Key: source.key }));
      if (!object.Body) throw new SourceError(`s3://${source.bucket}/${source.key} has no body`);
      await pipeline(object.Body as Readable, createWriteStream(archive));
      await unpackArchive(archive, dir);
      await rm(archive);
    } else {
      const token = source.tokenSecretArn ? await this.token(source.tokenSecretArn) : null;
      await gitClone({ url: source.url, dir, token, ...(source.ref ? { ref: source.ref } : {}) });
    }
    return dir;
  }

  /** The secret is the token itself, or JSON with a `token` field. */
  private async token(secretId: string): Promise<string> {
    const out = await this.options.secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
    const text = out.SecretString ?? '';
    try {
      const parsed = JSON.parse(text) as { token?: unknown };
      if (typeof parsed.token === 'string') return parsed.token;
    } catch {
      // a plain token
    }
    if (!text) throw new SourceError(`secret ${secretId} holds no token`);
    return text;
  }
}
