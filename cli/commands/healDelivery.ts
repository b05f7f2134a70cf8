import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GitHubError } from '../../adapters/github/githubErrors.ts';
import { GitHubPullRequests } from '../../adapters/github/githubPullRequests.ts';
import { gitOriginOfApi, repositoryOfRemote } from '../../adapters/github/githubRepository.ts';
import type { Deliverer } from '../../core/deliver/deliverer.ts';
import { PullRequestError, PushError } from '../../core/deliver/deliveryErrors.ts';
import { GitBranchDelivery } from '../../core/deliver/gitBranchDelivery.ts';
import { GitRemoteDelivery } from '../../core/deliver/gitRemoteDelivery.ts';
import { tokenOrigin } from '../../core/deliver/remoteAuth.ts';
import { assertRemoteName } from '../../core/deliver/remoteBranch.ts';
import { WorkingTreeDelivery } from '../../core/deliver/workingTreeDelivery.ts';
import { CliError } from '../cliError.ts';
import type { GitHubSettings } from '../config.ts';
import { EXIT } from '../exitCodes.ts';

const exec = promisify(execFile);

export interface DeliveryFlags {
  apply?: boolean;
  branch?: boolean;
  /** `--push <remote>`: a configured remote of the repository. */
  push?: string;
  pullRequest?: boolean;
}

/**
 * The deliverers `heal` was asked for, checked before any healing work starts: a wrong remote or a missing token
 * is reported in one line now, not after minutes of validation.
 */
export async function deliverersFor(
  flags: DeliveryFlags,
  repoRoot: string,
  github: GitHubSettings,
): Promise<Deliverer[]> {
  const deliverers: Deliverer[] = [];
  if (flags.apply) deliverers.push(new WorkingTreeDelivery());
  if (flags.branch) deliverers.push(new GitBranchDelivery());
  if (flags.pullRequest && !flags.push) throw new CliError('--pull-request needs --push <remote>', EXIT.usage);
  if (!flags.push) return deliverers;

  const remote = flags.push;
  try {
    assertRemoteName(remote);
  } catch (error) {
    throw new CliError(`--push: ${(error as Error).message}`, EXIT.usage);
  }
  const remoteUrl = await exec('git', ['remote', 'get-url', remote], { cwd: repoRoot }).then(
    (r) => r.stdout.trim(),
    () => {
      throw new CliError(`--push: the repository has no remote named ${remote}`, EXIT.pushFailed);
    },
  );
  const token = pushToken(remoteUrl, github);
  const pullRequests = flags.pullRequest ? pullRequestOpener(github, remoteUrl, remote) : null;
  deliverers.push(new GitRemoteDelivery({ remote, token, pullRequests }));
  return deliverers;
}

/** GITHUB_TOKEN is for GitHub: an https remote on another host (GitLab, a mirror) never receives it. */
export function pushToken(remoteUrl: string, github: GitHubSettings): string | null {
  const origin = tokenOrigin(remoteUrl);
  return origin !== null && origin === gitOriginOfApi(github.apiUrl) ? github.token : null;
}

function pullRequestOpener(github: GitHubSettings, remoteUrl: string, remote: string): GitHubPullRequests {
  if (!github.token) {
    throw new CliError('--pull-request needs a GitHub token: set GITHUB_TOKEN', EXIT.pullRequestFailed);
  }
  const repository = github.repository ?? repositoryOfRemote(remoteUrl);
  if (!repository) {
    throw new CliError(
      `--pull-request: remote ${remote} is not a GitHub URL; set GITHUB_REPOSITORY=owner/name`,
      EXIT.pullRequestFailed,
    );
  }
  try {
    return new GitHubPullRequests({ apiUrl: github.apiUrl, repository, token: github.token });
  } catch (error) {
    const message = error instanceof GitHubError ? error.message : 'GITHUB_API_URL is not a URL';
    throw new CliError(`--pull-request: ${message}`, EXIT.pullRequestFailed);
  }
}

/** Push and pull-request failures have their own exit codes (11, 12); other delivery failures keep 9. */
export function deliveryExit(error: unknown): never {
  if (error instanceof PushError) throw new CliError(error.message, EXIT.pushFailed);
  if (error instanceof PullRequestError) throw new CliError(error.message, EXIT.pullRequestFailed);
  throw error;
}
