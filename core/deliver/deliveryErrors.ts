import { DeliveryError } from '../heal/healErrors.ts';

/** The branch could not be pushed (no such remote, rejected, unreachable, refused credentials). */
export class PushError extends DeliveryError {
  override name = 'PushError';
}

/** The branch is on the remote but the pull request could not be opened (token, permissions, repository). */
export class PullRequestError extends DeliveryError {
  override name = 'PullRequestError';
}
