import { describe, expect, it } from 'vitest';
import { checkExamples, listSnippets, readRawRuleFile } from './collectExamples.ts';

describe('javascript.rules.json examples', () => {
  it('are exactly what the running node reports for the snippets they name', async () => {
    const checks = await checkExamples(readRawRuleFile());
    const drift = checks
      .filter((check) => check.problem !== null)
      .map((check) => `${check.ruleId} ${check.kind}[${check.index}]: ${check.problem}`);
    // On a failure after a Node upgrade, review the new messages and run collectExamples.ts --write.
    expect(drift).toEqual([]);
    expect(checks.length).toBeGreaterThan(150);

    const used = new Set(checks.map((check) => `${check.ref?.file}#${check.ref?.name}`));
    const unused = listSnippets().filter((ref) => !used.has(`${ref.file}#${ref.name}`));
    expect(unused).toEqual([]);
  });
});
