/** `owner/name` as GitHub spells repositories: letters, digits, `-`, `_`, `.`. */
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export function isRepositoryName(value: string): boolean {
  return REPOSITORY.test(value) && !value.split('/').some((part) => part === '.' || part === '..');
}

/**
 * The `owner/name` of a git remote URL on a GitHub host: `https://github.com/o/r.git`, `git@github.com:o/r.git`,
 * `ssh://git@ghe.example.com/o/r`. Null for anything else (a local path, a bare repository on disk).
 */
export function repositoryOfRemote(remoteUrl: string): string | null {
  const scpLike = /^[\w.-]+@[\w.-]+:(?!\/)(.+)$/.exec(remoteUrl);
  let path: string | null = scpLike?.[1] ?? null;
  if (path === null) {
    try {
      const url = new URL(remoteUrl);
      if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return null;
      path = url.pathname.replace(/^\//, '');
    } catch {
      return null;
    }
  }
  const name = path.replace(/\/$/, '').replace(/\.git$/, '');
  return isRepositoryName(name) ? name : null;
}

/**
 * The git host of a GitHub API URL: `api.github.com` serves `github.com`; GitHub Enterprise Server serves git and
 * the API (`/api/v3`) on one host. A token is only ever sent to a git remote on this origin.
 */
export function gitOriginOfApi(apiUrl: string): string | null {
  try {
    const url = new URL(apiUrl);
    return url.hostname === 'api.github.com' ? 'https://github.com' : url.origin;
  } catch {
    return null;
  }
}
