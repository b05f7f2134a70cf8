import { describe, expect, it } from 'vitest';
import { ensurePhp } from '../../../test/setup/ensurePhp.ts';
import { capturedOutcomes, runAllCases } from './collectExamples.ts';
import { outcomeOf } from './phpSnippets.ts';

/**
 * Re-runs every case with the PHP on this machine (installed by ensurePhp if missing) and compares what the parser
 * reads with the committed captures: a PHP upgrade that rewords a message fails here (refresh with
 * `collectExamples.ts --write`, then fix the rules whose examples changed).
 */
describe('PHP rule examples against the real runtime', () => {
  it('every case still throws with the captured class and message', async () => {
    const { php } = ensurePhp();
    const outputs = await runAllCases(php);
    const fresh = Object.fromEntries([...outputs].map(([name, output]) => [name, outcomeOf(name, output)]));
    expect(fresh).toEqual(Object.fromEntries(capturedOutcomes()));
  }, 120_000);
});
