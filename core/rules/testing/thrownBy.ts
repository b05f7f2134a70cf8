/** A runtime error as a rule sees it. */
export interface ThrownMessage {
  errorType: string;
  message: string;
}

/**
 * Runs `fn` in this Node process and returns the type and message V8 really threw, so rule tests match real runtime
 * messages rather than hand-typed ones. Only use snippets whose message does not quote source text (the test file
 * is transpiled before it runs).
 */
export function thrownBy(fn: () => unknown): ThrownMessage {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return { errorType: error.name, message: error.message };
    throw new Error(`snippet threw a non-Error: ${String(error)}`);
  }
  throw new Error('snippet did not throw');
}
