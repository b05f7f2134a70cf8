/** Errors of the pipeline's stages. A stage that throws fails its message, which the queue retries, then dead-letters. */
export class PipelineError extends Error {
  override name = 'PipelineError';
}
export class HealingNotFoundError extends PipelineError {
  override name = 'HealingNotFoundError';
}
export class ServiceNotRegisteredError extends PipelineError {
  override name = 'ServiceNotRegisteredError';
}
export class CandidateNotFoundError extends PipelineError {
  override name = 'CandidateNotFoundError';
}
