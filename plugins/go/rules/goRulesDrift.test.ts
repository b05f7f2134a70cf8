import { describe, expect, it } from 'vitest';
import { ensureGo } from '../../../test/setup/ensureGo.ts';
import { capturedOutcomes, runAllCases } from './collectExamples.ts';
import { outcomeOf } from './goSnippets.ts';

/**
 * Re-runs every snippet case with the Go on this machine and compares what the parser reads with the committed
 * captures: a Go upgrade that rewords a message fails here (refresh with `collectExamples.ts --write`).
 */
describe('Go rule examples against the real runtime', () => {
  it('every case still fails with the captured error type and message', async () => {
    const { go, env } = ensureGo();
    const outputs = await runAllCases(go, env);
    const fresh = Object.fromEntries([...outputs].map(([name, output]) => [name, outcomeOf(name, output)]));
    expect(fresh).toEqual(Object.fromEntries(capturedOutcomes()));
  });
});
