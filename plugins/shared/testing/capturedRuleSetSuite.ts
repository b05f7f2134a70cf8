import { describe, expect, it } from 'vitest';
import type { LanguagePlugin } from '../../../core/plugin/languagePlugin.ts';
import type { ExampleCheck, RawRuleFile } from '../../../core/rules/exampleDrift.ts';
import { formatRuleTestReport } from '../../../core/rules/formatRuleTestReport.ts';
import type { RuleFile } from '../../../core/rules/ruleSchema.ts';
import { testRules } from '../../../core/rules/ruleTester.ts';

export interface CapturedRuleSet {
  /** `php.rules.json` */
  file: string;
  /** `PHP`, as the captures' runtime is called in test names. */
  runtime: string;
  rules: RuleFile;
  plugin: LanguagePlugin;
  /** The rule set's example-drift checker (core/rules/exampleDrift.ts, as the plugin's collectExamples.ts builds it). */
  drift: {
    capturedOutcomes(): ReadonlyMap<string, unknown>;
    checkExamples(file: RawRuleFile, outcomes: never): ExampleCheck[];
    readRawRuleFile(): RawRuleFile;
  };
}

/**
 * What every rule set proven by captured runtime output (Rust, Ruby, PHP, C#) must pass: `rules test`, at least two
 * positive and one negative example per rule, and examples that are exactly the committed captures, every capture
 * used. `more` adds the language's own tests (its taxonomy checks) to the same describe block.
 */
export function describeCapturedRuleSet(set: CapturedRuleSet, more: () => void): void {
  describe(set.file, () => {
    it('passes `homeostasis rules test` (no fixers: every rule has no strategies)', () => {
      const known = new Set(set.plugin.fixers.map((f) => f.strategy));
      const report = testRules([set.rules], { knownStrategies: known });
      expect(report.failures, formatRuleTestReport(report)).toEqual([]);
      expect(report.counts.rules).toBeGreaterThanOrEqual(10);
      for (const rule of set.rules.rules) {
        expect(rule.examples.positive.length, rule.id).toBeGreaterThanOrEqual(2);
        expect(rule.examples.negative.length, rule.id).toBeGreaterThanOrEqual(1);
      }
    });

    it(`has examples that are exactly what the committed ${set.runtime} captures say, and uses every capture`, () => {
      const outcomes = set.drift.capturedOutcomes();
      const checks = set.drift.checkExamples(set.drift.readRawRuleFile(), outcomes as never);
      expect(checks.filter((check) => check.problem !== null).map((c) => `${c.ruleId}: ${c.problem}`)).toEqual([]);
      const used = new Set(checks.map((check) => check.caseName));
      expect([...outcomes.keys()].filter((name) => !used.has(name))).toEqual([]);
    });

    more();
  });
}
