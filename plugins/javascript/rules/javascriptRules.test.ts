import { describe, expect, it } from 'vitest';
import { explainMessage } from '../../../core/rules/explainMessage.ts';
import { formatRuleTestReport } from '../../../core/rules/formatRuleTestReport.ts';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { testRules } from '../../../core/rules/ruleTester.ts';
import { CATEGORIES } from '../../../core/schema/taxonomy.ts';
import { javascriptRules } from './javascriptRules.ts';
import { JAVASCRIPT_FIX_STRATEGIES } from './strategies.ts';

describe('javascript.rules.json', () => {
  it('passes every check of `homeostasis rules test`', () => {
    const report = testRules([javascriptRules], { knownStrategies: new Set(JAVASCRIPT_FIX_STRATEGIES) });
    expect(report.failures, formatRuleTestReport(report)).toEqual([]);
    expect(report.counts.rules).toBeGreaterThanOrEqual(30);
    expect(report.counts.positiveExamples).toBeGreaterThanOrEqual(2 * report.counts.rules);
    expect(report.redos).toHaveLength(report.counts.rules);
  });

  it('covers every category of the taxonomy but unknown and missing-key (V8 has no missing-key error)', () => {
    const covered = new Set(javascriptRules.rules.map((rule) => rule.category));
    expect(CATEGORIES.filter((category) => !covered.has(category))).toEqual(['missing-key', 'unknown']);
  });

  it('names every fix strategy in at least one rule', () => {
    const named = new Set(javascriptRules.rules.flatMap((rule) => rule.fixStrategies));
    expect([...JAVASCRIPT_FIX_STRATEGIES].filter((strategy) => !named.has(strategy))).toEqual([]);
  });

  it('analyses TypeScript events with these rules and captures the property V8 names', () => {
    const example = javascriptRules.rules.find((rule) => rule.id === 'js.null-reference.read-property')!.examples
      .positive[0]!;
    const analysis = new RuleIndex([javascriptRules]).analyze('typescript', example.errorType, example.message);
    expect(analysis).toMatchObject({
      ruleId: 'js.null-reference.read-property',
      category: 'null-reference',
      captures: { value: 'undefined', property: 'percent' },
      fixStrategies: ['optional-chaining', 'guard-early-return', 'default-value'],
      ruleSetVersion: javascriptRules.version,
    });
  });

  it('explains why an HTML body parsed as JSON is not the generic unexpected-token rule', () => {
    const example = javascriptRules.rules.find((rule) => rule.id === 'js.parse-error.json-html-response')!.examples
      .positive[0]!;
    const text = explainMessage(new RuleIndex([javascriptRules]), 'javascript', example.errorType, example.message);
    expect(text).toMatch(/^matched: js\.parse-error\.json-html-response, specificity \d+/m);
    expect(text).toMatch(/^ {2}js\.parse-error\.json-unexpected-token {2}\d+ .* matched, lost on specificity$/m);
  });
});
