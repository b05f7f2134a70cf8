/** A GitHub REST API call that failed. Messages name the status and GitHub's reason, never a token or header. */
export class GitHubError extends Error {
  override name = 'GitHubError';
  constructor(
    message: string,
    /** HTTP status, or null when GitHub was not reached. */
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** 401: the token is missing, malformed, expired or revoked. */
export class GitHubAuthError extends GitHubError {
  override name = 'GitHubAuthError';
}

/** 403: the token lacks the permission (pull requests: write), or a rate limit applies. */
export class GitHubForbiddenError extends GitHubError {
  override name = 'GitHubForbiddenError';
}

/** 404: no such repository, or the token cannot see it (GitHub answers 404 rather than 403 for private ones). */
export class GitHubNotFoundError extends GitHubError {
  override name = 'GitHubNotFoundError';
}

/** 422: GitHub rejected the request's content (no commits between the branches, unknown base, ...). */
export class GitHubValidationError extends GitHubError {
  override name = 'GitHubValidationError';
}

/** No HTTP answer: DNS, refused connection, TLS, timeout. */
export class GitHubUnreachableError extends GitHubError {
  override name = 'GitHubUnreachableError';
}
