import { expect, it } from 'vitest';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { describeCapturedRuleSet } from '../../shared/testing/capturedRuleSetSuite.ts';
import { rubyPlugin } from '../index.ts';
import { capturedOutcomes, checkExamples, readRawRuleFile } from './collectExamples.ts';
import { rubyRules } from './rubyRules.ts';

describeCapturedRuleSet(
  {
    file: 'ruby.rules.json',
    runtime: 'Ruby',
    rules: rubyRules,
    plugin: rubyPlugin,
    drift: { capturedOutcomes, checkExamples, readRawRuleFile },
  },
  () => {
    it('classifies real exceptions into the taxonomy', () => {
      const index = new RuleIndex([rubyRules]);
      const category = (errorType: string, message: string) => index.analyze('ruby', errorType, message).category;
      expect(category('NoMethodError', "undefined method `upcase' for nil:NilClass")).toBe('null-reference');
      expect(category('NoMethodError', "undefined method 'upcase' for nil")).toBe('null-reference');
      expect(category('NoMethodError', "undefined method `total' for an instance of Order")).toBe('undefined-name');
      expect(category('ZeroDivisionError', 'divided by 0')).toBe('division-by-zero');
      expect(category('RuntimeError', 'order 42 has no customer')).toBe('unknown');
    });
  },
);
