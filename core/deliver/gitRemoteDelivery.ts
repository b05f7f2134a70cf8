import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeliveryError } from '../heal/healErrors.ts';
import type { Deliverer, DeliveryRequest, DeliveryResult } from './deliverer.ts';
import { PullRequestError, PushError } from './deliveryErrors.ts';
import { type PullRequestOpener, type PullRequestRef, pullRequestBody, pullRequestTitle } from './pullRequest.ts';
import { redact, remoteAuthEnv } from './remoteAuth.ts';
import { assertRemoteName, remoteBranchName } from './remoteBranch.ts';

const exec = promisify(execFile);

/** A push or fetch that has not finished in two minutes is stuck (a dead network, a prompt nobody answers). */
const NETWORK_TIMEOUT_MS = 120_000;

export interface GitRemoteOptions {
  /** A configured remote of the repository, e.g. `origin`. */
  remote: string;
  /** For https remotes only; reaches git through the environment (see remoteAuth.ts). */
  token?: string | null;
  /** When set, a pull request is opened (or the open one found) after the push. */
  pullRequests?: PullRequestOpener | null;
}

type Git = (args: string[], cwd: string, env?: NodeJS.ProcessEnv) => Promise<string>;

/**
 * `--push <remote>`: commits the winner in a temporary detached worktree (no local branch, the user's checkout,
 * index and branch untouched), pushes it as `homeostasis/<short-fingerprint>-<healing>` and, when configured, opens
 * a pull request into the branch the patch was made from. Delivering again is idempotent: the same patch already on
 * the remote is left as it is; a changed patch on the same base becomes a new commit on top (a fast-forward).
 */
export class GitRemoteDelivery implements Deliverer {
  readonly name = 'push';

  constructor(private readonly options: GitRemoteOptions) {
    assertRemoteName(options.remote);
  }

  async deliver({ repoRoot, healingId, fingerprint, candidate, summary }: DeliveryRequest): Promise<DeliveryResult> {
    const { remote } = this.options;
    const token = this.options.token ?? null;
    const git: Git = async (args, cwd, env) => {
      try {
        return (await exec('git', args, { cwd, env, maxBuffer: 16 * 1024 * 1024, timeout: NETWORK_TIMEOUT_MS })).stdout;
      } catch (error) {
        const { stderr, message } = error as { stderr?: string; message?: string };
        throw new GitFailure(redact(gitReason(String(stderr || message || '')), token));
      }
    };
    const branch = remoteBranchName(healingId, fingerprint);
    const gitRoot = (
      await git(['rev-parse', '--show-toplevel'], repoRoot).catch(() => {
        throw new DeliveryError(`${repoRoot} is not inside a git repository; --push needs one`);
      })
    ).trim();
    const prefix = (await git(['rev-parse', '--show-prefix'], repoRoot)).trim();
    const remoteUrl = (
      await git(['remote', 'get-url', remote], gitRoot).catch(() => {
        throw new PushError(`the repository has no remote named ${remote}`);
      })
    ).trim();
    const env = remoteAuthEnv(remoteUrl, token);
    const baseSha = (await git(['rev-parse', 'HEAD'], gitRoot)).trim();
    const baseBranch = (await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], gitRoot).catch(() => '')).trim();
    if (this.options.pullRequests && baseBranch === '') {
      throw new PullRequestError('HEAD is detached: a pull request needs the branch the patch was made from');
    }

    const work = await mkdtemp(join(tmpdir(), 'homeostasis-push-'));
    const tree = join(work, 'tree');
    try {
      await git(['worktree', 'add', '--quiet', '--detach', tree, baseSha], gitRoot);
      const patchFile = join(work, 'fix.patch');
      await writeFile(patchFile, candidate.diff);
      const directory = prefix === '' ? [] : ['--directory', prefix.replace(/\/$/, '')];
      await git(['apply', '-p1', ...directory, patchFile], tree).catch((error: Error) => {
        throw new DeliveryError(`the patch does not apply to HEAD: ${error.message}`);
      });
      await git(['add', '-A'], tree);
      const messageFile = join(work, 'message.txt');
      await writeFile(messageFile, summary);
      // --no-verify: the user's hooks expect their own checkout (node_modules, tools); this worktree has the sources only.
      await git([...IDENTITY, 'commit', '--quiet', '--no-verify', '-F', messageFile], tree);
      const fixTree = (await git(['rev-parse', 'HEAD^{tree}'], tree)).trim();
      let sha = (await git(['rev-parse', 'HEAD'], tree)).trim();

      const onRemote = await this.remoteTip(git, tree, env, branch);
      let pushed = true;
      if (onRemote) {
        await git(['fetch', '--quiet', '--no-tags', remote, `refs/heads/${branch}`], tree, env).catch(
          (error: Error) => {
            throw new PushError(`cannot fetch ${branch} from ${remote}: ${error.message}`);
          },
        );
        const remoteTree = (await git(['rev-parse', `${onRemote}^{tree}`], tree)).trim();
        if (remoteTree === fixTree) {
          pushed = false;
          sha = onRemote;
        } else if (await isAncestor(git, tree, baseSha, onRemote)) {
          // Same base, another patch (a new winner): a new commit on top, so the push is a fast-forward.
          sha = (await git([...IDENTITY, 'commit-tree', fixTree, '-p', onRemote, '-F', messageFile], tree)).trim();
        } else {
          throw new PushError(
            `${remote} already has ${branch} made from another commit than HEAD; delete it there to deliver again`,
          );
        }
      }
      if (pushed) {
        await git(['push', '--quiet', remote, `${sha}:refs/heads/${branch}`], tree, env).catch((error: Error) => {
          throw new PushError(`git push to ${remote} failed: ${error.message}`);
        });
      }
      const detail = `${pushed ? 'pushed' : 'already on'} ${remote}: ${sha.slice(0, 12)} on ${branch}`;
      if (!this.options.pullRequests) return { how: 'push', detail };
      const pr = await this.openPullRequest(this.options.pullRequests, {
        head: branch,
        base: baseBranch,
        summary,
        token,
      });
      const which = pr.existing ? 'already open' : 'opened';
      return { how: 'pull-request', detail: `${detail}; pull request #${pr.number} ${which}: ${pr.url}` };
    } finally {
      await git(['worktree', 'remove', '--force', tree], gitRoot).catch(() => undefined);
      await rm(work, { recursive: true, force: true });
    }
  }

  /** The remote branch's commit, or null when the remote does not have the branch. */
  private async remoteTip(git: Git, cwd: string, env: NodeJS.ProcessEnv, branch: string): Promise<string | null> {
    const { remote } = this.options;
    const out = await git(['ls-remote', '--heads', remote, `refs/heads/${branch}`], cwd, env).catch((error: Error) => {
      throw new PushError(`cannot reach ${remote}: ${error.message}`);
    });
    const line = out.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
    return line ? (line.split('\t')[0] ?? null) : null;
  }

  private async openPullRequest(
    opener: PullRequestOpener,
    request: { head: string; base: string; summary: string; token: string | null },
  ): Promise<PullRequestRef> {
    try {
      return await opener.open({
        head: request.head,
        base: request.base,
        title: pullRequestTitle(request.summary),
        body: pullRequestBody(request.summary, request.head),
      });
    } catch (error) {
      const reason = redact(error instanceof Error ? error.message : String(error), request.token);
      throw new PullRequestError(
        `${request.head} is on ${this.options.remote}, but no pull request on ${opener.host}: ${reason}`,
      );
    }
  }
}

/** The commits are Homeostasis's, whatever the user's git identity (or lack of one). */
const IDENTITY = ['-c', 'user.name=Homeostasis', '-c', 'user.email=homeostasis@localhost'];

/** A git command that failed; its message is git's last stderr line, secrets removed. */
class GitFailure extends Error {
  override name = 'GitFailure';
}

/**
 * git's reason in one line: the remote's own words (`remote:`), the rejected ref, `error:`/`fatal:` lines; not the
 * `To <url>` line or hints. 400 characters are plenty for a reason and keep a chatty hook from flooding the report.
 */
function gitReason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(remote:|! \[|error:|fatal:)/.test(line));
  const reason = (lines.length > 0 ? lines : stderr.trim().split('\n').slice(-1)).join('; ');
  return (reason || 'failed').slice(0, 400);
}

async function isAncestor(git: Git, cwd: string, ancestor: string, of: string): Promise<boolean> {
  return git(['merge-base', '--is-ancestor', ancestor, of], cwd).then(
    () => true,
    () => false,
  );
}
