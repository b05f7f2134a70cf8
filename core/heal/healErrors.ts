/** Errors a user can act on. The CLI maps each to one line and its own exit code. */
export class HealError extends Error {
  override name = 'HealError';
}
export class RepositoryNotFoundError extends HealError {
  override name = 'RepositoryNotFoundError';
}
export class LogUnreadableError extends HealError {
  override name = 'LogUnreadableError';
}
export class NoErrorFoundError extends HealError {
  override name = 'NoErrorFoundError';
}
export class TestCommandMissingError extends HealError {
  override name = 'TestCommandMissingError';
}
export class FingerprintNotFoundError extends HealError {
  override name = 'FingerprintNotFoundError';
}
export class DeliveryError extends HealError {
  override name = 'DeliveryError';
}
