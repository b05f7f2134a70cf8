import { describe, expect, it } from 'vitest';
import { formatRuleTestReport } from '../../../core/rules/formatRuleTestReport.ts';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { testRules } from '../../../core/rules/ruleTester.ts';
import { csharpPlugin } from '../index.ts';
import { capturedOutcomes, checkExamples, readRawRuleFile } from './collectExamples.ts';
import { csharpRules } from './csharpRules.ts';

describe('csharp.rules.json', () => {
  it('passes `homeostasis rules test` (no fixers: every rule has no strategies)', () => {
    const report = testRules([csharpRules], { knownStrategies: new Set(csharpPlugin.fixers.map((f) => f.strategy)) });
    expect(report.failures, formatRuleTestReport(report)).toEqual([]);
    expect(report.counts.rules).toBeGreaterThanOrEqual(10);
    for (const rule of csharpRules.rules) {
      expect(rule.examples.positive.length, rule.id).toBeGreaterThanOrEqual(2);
      expect(rule.examples.negative.length, rule.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('has examples that are exactly what the committed Mono captures say, and uses every capture', () => {
    const outcomes = capturedOutcomes();
    const checks = checkExamples(readRawRuleFile(), outcomes);
    expect(checks.filter((check) => check.problem !== null).map((c) => `${c.ruleId}: ${c.problem}`)).toEqual([]);
    const used = new Set(checks.map((check) => check.caseName));
    expect([...outcomes.keys()].filter((name) => !used.has(name))).toEqual([]);
  });

  it('classifies real exceptions into the taxonomy', () => {
    const index = new RuleIndex([csharpRules]);
    const category = (errorType: string, message: string) => index.analyze('csharp', errorType, message).category;
    expect(category('System.NullReferenceException', 'Object reference not set to an instance of an object')).toBe(
      'null-reference',
    );
    expect(category('System.InvalidOperationException', 'Sequence contains no elements')).toBe('index-out-of-range');
    expect(
      category('System.InvalidOperationException', 'Collection was modified; enumeration operation may not execute.'),
    ).toBe('concurrency');
    // .NET Core's wording of the same exceptions (documented format): the rules accept both.
    expect(category('System.ArgumentNullException', "Value cannot be null. (Parameter 'source')")).toBe(
      'null-reference',
    );
    expect(
      category(
        'System.ArgumentOutOfRangeException',
        "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')",
      ),
    ).toBe('index-out-of-range');
    expect(category('System.InvalidOperationException', 'config is invalid')).toBe('unknown');
  });
});
