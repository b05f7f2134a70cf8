import { describe, expect, it } from 'vitest';
import { ensureRuby } from '../../../test/setup/ensureRuby.ts';
import { capturedOutcomes, runAllCases } from './collectExamples.ts';
import { outcomeOf } from './rubySnippets.ts';

/**
 * Re-runs every case with the Ruby on this machine (installed by ensureRuby if missing) and compares what the parser
 * reads with the committed captures: a Ruby upgrade that rewords a message fails here (refresh with
 * `collectExamples.ts --write`, then fix the rules whose examples changed).
 */
describe('Ruby rule examples against the real interpreter', () => {
  it('every case still raises with the captured class and message', async () => {
    const { ruby } = ensureRuby();
    const outputs = await runAllCases(ruby);
    const fresh = Object.fromEntries([...outputs].map(([name, output]) => [name, outcomeOf(name, output)]));
    expect(fresh).toEqual(Object.fromEntries(capturedOutcomes()));
  }, 120_000);
});
