import { expect, it } from 'vitest';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { describeCapturedRuleSet } from '../../shared/testing/capturedRuleSetSuite.ts';
import { phpPlugin } from '../index.ts';
import { capturedOutcomes, checkExamples, readRawRuleFile } from './collectExamples.ts';
import { phpRules } from './phpRules.ts';

describeCapturedRuleSet(
  {
    file: 'php.rules.json',
    runtime: 'PHP',
    rules: phpRules,
    plugin: phpPlugin,
    drift: { capturedOutcomes, checkExamples, readRawRuleFile },
  },
  () => {
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
  },
);
