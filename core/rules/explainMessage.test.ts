import { describe, expect, it } from 'vitest';
import { explainAnalysis, explainMessage } from './explainMessage.ts';
import { RuleIndex } from './ruleIndex.ts';
import { sketchFile } from './testing/ruleFactory.ts';
import { thrownBy } from './testing/thrownBy.ts';

const READ_UNDEFINED = thrownBy(() => (JSON.parse('{}') as Record<string, { tier: string }>)['c-42']!.tier);

const index = new RuleIndex([
  sketchFile([
    { id: 'js.generic.read', pattern: '^Cannot read properties of ' },
    {
      id: 'js.specific.read',
      pattern: "^Cannot read properties of (?<value>undefined|null) \\(reading '(?<property>.*)'\\)$",
      fixStrategies: ['optional-chaining'],
    },
    { id: 'js.set', pattern: '^Cannot set properties of ' },
    { id: 'js.range.read', errorTypes: ['RangeError'], pattern: '^Cannot read' },
  ]),
]);

describe('explainAnalysis', () => {
  it('shows the winner, the score of every rule tried and rules of other error types', () => {
    const explanation = explainAnalysis(index, 'typescript', 'TypeError', READ_UNDEFINED.message);
    expect(explanation.rulesLanguage).toBe('javascript');
    expect(explanation.candidates).toEqual([
      {
        ruleId: 'js.specific.read',
        typeMatch: 'exact',
        specificity: 20043,
        literalCharacters: 43,
        bonus: 0,
        outcome: 'won',
      },
      {
        ruleId: 'js.generic.read',
        typeMatch: 'exact',
        specificity: 20026,
        literalCharacters: 26,
        bonus: 0,
        outcome: 'lost',
      },
      {
        ruleId: 'js.set',
        typeMatch: 'exact',
        specificity: 20025,
        literalCharacters: 25,
        bonus: 0,
        outcome: 'did-not-match',
      },
    ]);
    expect(explanation.otherErrorTypes).toEqual([{ ruleId: 'js.range.read', errorTypes: ['RangeError'] }]);
    expect(explanation.analysis.nearMisses).toContainEqual({
      ruleId: 'js.range.read',
      specificity: 20011,
      reason: 'error-type-differs',
    });
  });
});

describe('explainMessage', () => {
  it('prints the match, its captures and why the others lost', () => {
    const text = explainMessage(index, 'javascript', 'TypeError', READ_UNDEFINED.message);
    expect(text).toContain('matched: js.specific.read, specificity 20043 = exact type + 43 literal characters');
    expect(text).toContain('captures: value="undefined" property="tier"');
    expect(text).toContain('js.generic.read  20026 (exact type + 26 literal characters)  matched, lost on specificity');
    expect(text).toContain('js.set  20025 (exact type + 25 literal characters)  pattern did not match');
    expect(text).toContain('js.range.read  (RangeError)');
  });

  it('says when nothing matched and quotes the untrusted message', () => {
    const text = explainMessage(index, 'javascript', 'TypeError', 'Cannot frobnicate\u001b[2J');
    expect(text).toContain('matched: no rule (category unknown)');
    expect(text).toContain('"Cannot frobnicate\\u001b[2J"');
    expect(text).not.toContain('\u001b');
  });
});
