import { describe, expect, it } from 'vitest';
import { capturedOutcomes, runAllCases } from './collectExamples.ts';
import { outcomeOf } from './rustSnippets.ts';

/**
 * Rebuilds the snippet crate with the cargo on this machine, re-runs every case and compares what the parser reads
 * with the committed captures: a Rust upgrade that rewords a panic fails here (refresh with `collectExamples.ts
 * --write`, then fix the rules whose examples changed).
 */
describe('Rust rule examples against the real toolchain', () => {
  it('every case still panics with the captured error type and message', async () => {
    const outputs = await runAllCases();
    const fresh = Object.fromEntries([...outputs].map(([name, output]) => [name, outcomeOf(name, output)]));
    expect(fresh).toEqual(Object.fromEntries(capturedOutcomes()));
  }, 120_000);
});
