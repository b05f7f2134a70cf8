import { expect, it } from 'vitest';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { describeCapturedRuleSet } from '../../shared/testing/capturedRuleSetSuite.ts';
import { csharpPlugin } from '../index.ts';
import { capturedOutcomes, checkExamples, readRawRuleFile } from './collectExamples.ts';
import { csharpRules } from './csharpRules.ts';

describeCapturedRuleSet(
  {
    file: 'csharp.rules.json',
    runtime: 'C#',
    rules: csharpRules,
    plugin: csharpPlugin,
    drift: { capturedOutcomes, checkExamples, readRawRuleFile },
  },
  () => {
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
  },
);
