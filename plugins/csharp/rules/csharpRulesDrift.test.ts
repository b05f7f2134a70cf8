import { describe, expect, it } from 'vitest';
import { ensureMono } from '../../../test/setup/ensureMono.ts';
import { capturedOutcomes, runAllCases } from './collectExamples.ts';
import { outcomeOf } from './csharpSnippets.ts';

/**
 * Compiles and re-runs every case with the Mono on this machine (installed by ensureMono if missing) and compares what
 * the parser reads with the committed captures: a Mono upgrade that rewords a message fails here (refresh with
 * `collectExamples.ts --write`, then fix the rules whose examples changed).
 */
describe('C# rule examples against the real Mono runtime', () => {
  it('every case still throws with the captured class and message', async () => {
    const { mono, mcs } = ensureMono();
    const outputs = await runAllCases(mono, mcs);
    const fresh = Object.fromEntries([...outputs].map(([name, output]) => [name, outcomeOf(name, output)]));
    expect(fresh).toEqual(Object.fromEntries(capturedOutcomes()));
  }, 120_000);
});
