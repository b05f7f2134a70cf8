import { describe, expect, it } from 'vitest';
import { formatRuleTestReport } from '../../../core/rules/formatRuleTestReport.ts';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { testRules } from '../../../core/rules/ruleTester.ts';
import { goFixers } from '../fixers/index.ts';
import { capturedOutcomes, checkExamples, readRawRuleFile } from './collectExamples.ts';
import { goRules } from './goRules.ts';
import { GO_FIX_STRATEGIES } from './strategies.ts';

describe('go.rules.json', () => {
  it('passes `homeostasis rules test` with the strategies the Go fixers implement', () => {
    const report = testRules([goRules], { knownStrategies: new Set(goFixers.map((f) => f.strategy)) });
    expect(report.failures, formatRuleTestReport(report)).toEqual([]);
    expect(report.counts.rules).toBeGreaterThanOrEqual(40);
    expect(new Set(goFixers.map((f) => f.strategy))).toEqual(new Set(GO_FIX_STRATEGIES));
  });

  it('covers the categories the Go runtime reports', () => {
    const categories = new Set(goRules.rules.map((rule) => rule.category));
    for (const category of [
      'null-reference',
      'index-out-of-range',
      'division-by-zero',
      'concurrency',
      'type-mismatch',
      'invalid-conversion',
      'parse-error',
      'file-not-found',
      'permission-denied',
      'connection-error',
      'timeout',
      'resource-exhausted',
    ] as const) {
      expect(categories).toContain(category);
    }
  });

  it('has examples that are exactly what the committed Go captures say, and uses every capture', () => {
    const outcomes = capturedOutcomes();
    const checks = checkExamples(readRawRuleFile(), outcomes);
    expect(checks.filter((check) => check.problem !== null).map((c) => `${c.ruleId}: ${c.problem}`)).toEqual([]);
    const used = new Set(checks.map((check) => check.caseName));
    expect([...outcomes.keys()].filter((name) => !used.has(name))).toEqual([]);
    expect(outcomes.size).toBeGreaterThanOrEqual(100);
  });

  it('classifies the examples named in the brief', () => {
    const index = new RuleIndex([goRules]);
    const category = (errorType: string, message: string) => index.analyze('go', errorType, message).category;
    expect(category('runtime.Error', 'runtime error: index out of range [5] with length 3')).toBe('index-out-of-range');
    expect(category('runtime.Error', 'assignment to entry in nil map')).toBe('null-reference');
    expect(category('fatal error', 'concurrent map writes')).toBe('concurrency');
    expect(category('panic', 'strconv.Atoi: parsing "abc": invalid syntax')).toBe('invalid-conversion');
    expect(category('panic', 'dial tcp 10.0.0.7:5432: connect: connection refused')).toBe('connection-error');
    expect(category('panic', 'something else entirely')).toBe('unknown');
  });
});
