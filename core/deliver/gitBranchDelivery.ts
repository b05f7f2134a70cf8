import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { shortFingerprint } from '../fingerprint/fingerprint.ts';
import { DeliveryError } from '../heal/healErrors.ts';
import type { Deliverer, DeliveryRequest, DeliveryResult } from './deliverer.ts';

const exec = promisify(execFile);

/**
 * `--branch`: commits the winner on `homeostasis/<short-fingerprint>` from HEAD, in a temporary worktree, so the
 * user's checkout, index and current branch are not touched. Arguments go to git directly (no shell).
 */
export class GitBranchDelivery implements Deliverer {
  readonly name = 'branch';

  async deliver({ repoRoot, fingerprint, candidate, summary }: DeliveryRequest): Promise<DeliveryResult> {
    const git = (args: string[], cwd = repoRoot) => exec('git', args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    const top = await git(['rev-parse', '--show-toplevel']).catch(() => {
      throw new DeliveryError(`${repoRoot} is not inside a git repository; --branch needs one`);
    });
    const gitRoot = top.stdout.trim();
    const prefix = (await git(['rev-parse', '--show-prefix'])).stdout.trim();
    const branch = `homeostasis/${shortFingerprint(fingerprint)}`;
    const exists = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).then(
      () => true,
      () => false,
    );
    if (exists) throw new DeliveryError(`branch ${branch} already exists; delete it or heal again after merging it`);
    const work = await mkdtemp(join(tmpdir(), 'homeostasis-branch-'));
    const tree = join(work, 'tree');
    let committed = false;
    try {
      await git(['worktree', 'add', '--quiet', '-b', branch, tree, 'HEAD'], gitRoot);
      const patchFile = join(work, 'fix.patch');
      await writeFile(patchFile, candidate.diff);
      const directory = prefix === '' ? [] : ['--directory', prefix.replace(/\/$/, '')];
      await git(['apply', '-p1', ...directory, patchFile], tree).catch((error: { stderr?: string }) => {
        throw new DeliveryError(`the patch does not apply to HEAD: ${String(error.stderr ?? '').trim()}`);
      });
      await git(['add', '-A'], tree);
      const messageFile = join(work, 'message.txt');
      await writeFile(messageFile, summary);
      await git(
        [
          '-c',
          'user.name=Homeostasis',
          '-c',
          'user.email=homeostasis@localhost',
          'commit',
          '--quiet',
          '-F',
          messageFile,
        ],
        tree,
      );
      const sha = (await git(['rev-parse', 'HEAD'], tree)).stdout.trim();
      committed = true;
      return { how: 'branch', detail: `committed ${sha.slice(0, 12)} on ${branch}` };
    } finally {
      await git(['worktree', 'remove', '--force', tree], gitRoot).catch(() => undefined);
      // A branch without the fix on it would only mislead: remove it when the commit did not happen.
      if (!committed) await git(['branch', '-D', branch], gitRoot).catch(() => undefined);
      await rm(work, { recursive: true, force: true });
    }
  }
}
