import { describe, expect, it } from 'vitest';
import { formatRuleTestReport } from '../../../core/rules/formatRuleTestReport.ts';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { testRules } from '../../../core/rules/ruleTester.ts';
import { rubyPlugin } from '../index.ts';
import { capturedOutcomes, checkExamples, readRawRuleFile } from './collectExamples.ts';
import { rubyRules } from './rubyRules.ts';

describe('ruby.rules.json', () => {
  it('passes `homeostasis rules test` (no fixers: every rule has no strategies)', () => {
    const report = testRules([rubyRules], { knownStrategies: new Set(rubyPlugin.fixers.map((f) => f.strategy)) });
    expect(report.failures, formatRuleTestReport(report)).toEqual([]);
    expect(report.counts.rules).toBeGreaterThanOrEqual(10);
    for (const rule of rubyRules.rules) {
      expect(rule.examples.positive.length, rule.id).toBeGreaterThanOrEqual(2);
      expect(rule.examples.negative.length, rule.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('has examples that are exactly what the committed Ruby captures say, and uses every capture', () => {
    const outcomes = capturedOutcomes();
    const checks = checkExamples(readRawRuleFile(), outcomes);
    expect(checks.filter((check) => check.problem !== null).map((c) => `${c.ruleId}: ${c.problem}`)).toEqual([]);
    const used = new Set(checks.map((check) => check.caseName));
    expect([...outcomes.keys()].filter((name) => !used.has(name))).toEqual([]);
  });

  it('classifies real exceptions into the taxonomy', () => {
    const index = new RuleIndex([rubyRules]);
    const category = (errorType: string, message: string) => index.analyze('ruby', errorType, message).category;
    expect(category('NoMethodError', "undefined method `upcase' for nil:NilClass")).toBe('null-reference');
    expect(category('NoMethodError', "undefined method 'upcase' for nil")).toBe('null-reference');
    expect(category('NoMethodError', "undefined method `total' for an instance of Order")).toBe('undefined-name');
    expect(category('ZeroDivisionError', 'divided by 0')).toBe('division-by-zero');
    expect(category('RuntimeError', 'order 42 has no customer')).toBe('unknown');
  });
});
