import { describe, expect, it } from 'vitest';
import { formatRuleTestReport } from '../../../core/rules/formatRuleTestReport.ts';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { testRules } from '../../../core/rules/ruleTester.ts';
import { phpPlugin } from '../index.ts';
import { capturedOutcomes, checkExamples, readRawRuleFile } from './collectExamples.ts';
import { phpRules } from './phpRules.ts';

describe('php.rules.json', () => {
  it('passes `homeostasis rules test` (no fixers: every rule has no strategies)', () => {
    const report = testRules([phpRules], { knownStrategies: new Set(phpPlugin.fixers.map((f) => f.strategy)) });
    expect(report.failures, formatRuleTestReport(report)).toEqual([]);
    expect(report.counts.rules).toBeGreaterThanOrEqual(10);
    for (const rule of phpRules.rules) {
      expect(rule.examples.positive.length, rule.id).toBeGreaterThanOrEqual(2);
      expect(rule.examples.negative.length, rule.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('has examples that are exactly what the committed PHP captures say, and uses every capture', () => {
    const outcomes = capturedOutcomes();
    const checks = checkExamples(readRawRuleFile(), outcomes);
    expect(checks.filter((check) => check.problem !== null).map((c) => `${c.ruleId}: ${c.problem}`)).toEqual([]);
    const used = new Set(checks.map((check) => check.caseName));
    expect([...outcomes.keys()].filter((name) => !used.has(name))).toEqual([]);
  });

  it('classifies real exceptions into the taxonomy', () => {
    const index = new RuleIndex([phpRules]);
    const category = (errorType: string, message: string) => index.analyze('php', errorType, message).category;
    expect(category('Error', 'Call to a member function total() on null')).toBe('null-reference');
    expect(
      category('TypeError', 'f(): Argument #1 ($id) must be of type int, null given, called in /app/x.php on line 3'),
    ).toBe('null-reference');
    expect(category('TypeError', 'f(): Argument #1 ($id) must be of type int, string given')).toBe('type-mismatch');
    expect(category('DivisionByZeroError', 'Division by zero')).toBe('division-by-zero');
    expect(category('RuntimeException', 'order 42 has no customer')).toBe('unknown');
  });
});
