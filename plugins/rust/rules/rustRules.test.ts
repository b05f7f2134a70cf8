import { describe, expect, it } from 'vitest';
import { formatRuleTestReport } from '../../../core/rules/formatRuleTestReport.ts';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { testRules } from '../../../core/rules/ruleTester.ts';
import { rustPlugin } from '../index.ts';
import { capturedOutcomes, checkExamples, readRawRuleFile } from './collectExamples.ts';
import { rustRules } from './rustRules.ts';

describe('rust.rules.json', () => {
  it('passes `homeostasis rules test` (no fixers: every rule has no strategies)', () => {
    const report = testRules([rustRules], { knownStrategies: new Set(rustPlugin.fixers.map((f) => f.strategy)) });
    expect(report.failures, formatRuleTestReport(report)).toEqual([]);
    expect(report.counts.rules).toBeGreaterThanOrEqual(10);
    for (const rule of rustRules.rules) {
      expect(rule.examples.positive.length, rule.id).toBeGreaterThanOrEqual(2);
      expect(rule.examples.negative.length, rule.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('has examples that are exactly what the committed Rust captures say, and uses every capture', () => {
    const outcomes = capturedOutcomes();
    const checks = checkExamples(readRawRuleFile(), outcomes);
    expect(checks.filter((check) => check.problem !== null).map((c) => `${c.ruleId}: ${c.problem}`)).toEqual([]);
    const used = new Set(checks.map((check) => check.caseName));
    expect([...outcomes.keys()].filter((name) => !used.has(name))).toEqual([]);
  });

  it('classifies real panics into the taxonomy', () => {
    const index = new RuleIndex([rustRules]);
    const category = (errorType: string, message: string) => index.analyze('rust', errorType, message).category;
    expect(category('panic', 'index out of bounds: the len is 3 but the index is 5')).toBe('index-out-of-range');
    expect(category('panic', 'called `Option::unwrap()` on a `None` value')).toBe('null-reference');
    expect(category('panic', 'attempt to divide by zero')).toBe('division-by-zero');
    expect(category('fatal runtime error', 'stack overflow, aborting')).toBe('resource-exhausted');
    expect(category('panic', 'order 42 has no customer')).toBe('unknown');
  });
});
