import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as tar from 'tar';
import { sourceObjectKey } from '../../infra/cdk/lib/contract.ts';

/** Never part of a source archive (VCS data, our state); `node_modules` only when dependencies are asked for. */
const EXCLUDED_ANYWHERE = new Set(['.git', '.homeostasis']);
/** Build output at the root: the pipeline builds from source. */
const EXCLUDED_AT_ROOT = new Set(['dist']);

export interface UploadRequest {
  service: string;
  repoDir: string;
  bucket: string;
  /**
   * Include `node_modules`, as a deployment artifact does: the validate function runs the service's tests and has
   * no registry access to install them (a Lambda has no npm cache, and installing per candidate costs minutes).
   */
  withDependencies?: boolean;
}

/** The version of the repository: its git HEAD, or a hash of the archive when it is not a git checkout. */
function commitOf(repoDir: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: repoDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** Tars the repository (without VCS data and build output) and puts it at `sources/<service>/<commit>.tar.gz`. */
export async function uploadSource(
  s3: S3Client,
  request: UploadRequest,
): Promise<{ bucket: string; key: string; bytes: number }> {
  const work = await mkdtemp(join(tmpdir(), 'hs-upload-'));
  try {
    const file = join(work, 'source.tar.gz');
    await tar.c(
      {
        gzip: true,
        file,
        cwd: request.repoDir,
        portable: true,
        filter: (path) => {
          const parts = path.split('/').filter((p) => p !== '.');
          if (parts.some((p) => EXCLUDED_ANYWHERE.has(p)) || EXCLUDED_AT_ROOT.has(parts[0] ?? '')) return false;
          return request.withDependencies || !parts.includes('node_modules');
        },
      },
      ['.'],
    );
    const body = await readFile(file);
    const commit = commitOf(request.repoDir) ?? createHash('sha256').update(body).digest('hex').slice(0, 16);
    const key = sourceObjectKey(request.service, commit);
    await s3.send(new PutObjectCommand({ Bucket: request.bucket, Key: key, Body: body }));
    return { bucket: request.bucket, key, bytes: body.length };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export class StackOutputError extends Error {
  override name = 'StackOutputError';
}

/** One output of a deployed stack (table and bucket names are CDK-generated; the stack publishes them). */
export async function stackOutput(stackName: string, outputKey: string): Promise<string> {
  const cfn = new CloudFormationClient({});
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const value = out.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === outputKey)?.OutputValue;
    if (!value) throw new StackOutputError(`stack ${stackName} has no output ${outputKey}`);
    return value;
  } finally {
    cfn.destroy();
  }
}
