import { expect, it } from 'vitest';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { describeCapturedRuleSet } from '../../shared/testing/capturedRuleSetSuite.ts';
import { rustPlugin } from '../index.ts';
import { capturedOutcomes, checkExamples, readRawRuleFile } from './collectExamples.ts';
import { rustRules } from './rustRules.ts';

describeCapturedRuleSet(
  {
    file: 'rust.rules.json',
    runtime: 'Rust',
    rules: rustRules,
    plugin: rustPlugin,
    drift: { capturedOutcomes, checkExamples, readRawRuleFile },
  },
  () => {
    it('classifies real panics into the taxonomy', () => {
      const index = new RuleIndex([rustRules]);
      const category = (errorType: string, message: string) => index.analyze('rust', errorType, message).category;
      expect(category('panic', 'index out of bounds: the len is 3 but the index is 5')).toBe('index-out-of-range');
      expect(category('panic', 'called `Option::unwrap()` on a `None` value')).toBe('null-reference');
      expect(category('panic', 'attempt to divide by zero')).toBe('division-by-zero');
      expect(category('fatal runtime error', 'stack overflow, aborting')).toBe('resource-exhausted');
      expect(category('panic', 'order 42 has no customer')).toBe('unknown');
    });
  },
);
