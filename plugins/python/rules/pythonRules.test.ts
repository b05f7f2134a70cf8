import { describe, expect, it } from 'vitest';
import { testRules } from '../../../core/rules/ruleTester.ts';
import { pythonFixers } from '../fixers/index.ts';
import { checkExamples, listSnippets, readRawRuleFile, snippetRefOf } from './collectExamples.ts';
import { pythonRules } from './pythonRules.ts';
import { PYTHON_FIX_STRATEGIES } from './strategies.ts';

describe('the Python rule set', () => {
  it('passes `homeostasis rules test`: patterns, ReDoS, taxonomy, strategies, every example matched and won', () => {
    const report = testRules([pythonRules], { knownStrategies: new Set(pythonFixers.map((f) => f.strategy)) });
    expect(report.failures).toEqual([]);
    expect(report.counts.rules).toBeGreaterThanOrEqual(40);
    expect(pythonFixers.map((f) => f.strategy).sort()).toEqual([...PYTHON_FIX_STRATEGIES].sort());
  });

  it('has at least 2 positive and 1 negative example per rule, each naming the snippet that produced it', () => {
    for (const rule of pythonRules.rules) {
      expect(rule.examples.positive.length, rule.id).toBeGreaterThanOrEqual(2);
      expect(rule.examples.negative.length, rule.id).toBeGreaterThanOrEqual(1);
      for (const example of [...rule.examples.positive, ...rule.examples.negative]) {
        expect(snippetRefOf(example.source), `${rule.id}: ${example.source}`).not.toBeNull();
      }
    }
  });

  it('covers the categories CPython errors fall into', () => {
    const categories = new Set(pythonRules.rules.map((rule) => rule.category));
    for (const category of [
      'null-reference',
      'missing-key',
      'index-out-of-range',
      'division-by-zero',
      'undefined-name',
      'type-mismatch',
      'invalid-conversion',
      'parse-error',
      'missing-dependency',
      'file-not-found',
      'permission-denied',
      'connection-error',
      'timeout',
      'resource-exhausted',
      'concurrency',
      'assertion',
    ] as const) {
      expect(categories, category).toContain(category);
    }
  });

  it('has examples that are what python3 really reports today (no drift), and no unused snippet', async () => {
    const checks = await checkExamples(readRawRuleFile());
    expect(
      checks.filter((check) => check.problem !== null).map((c) => `${c.ruleId} ${c.kind}[${c.index}]: ${c.problem}`),
    ).toEqual([]);
    const used = new Set(checks.map((check) => `${check.ref?.file}#${check.ref?.name}`));
    expect(listSnippets().filter((ref) => !used.has(`${ref.file}#${ref.name}`))).toEqual([]);
  }, 90_000);
});
