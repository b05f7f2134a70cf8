import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TYPE_MATCH_WEIGHT } from './compiledRule.ts';
import { DuplicateRuleIdError, RulePatternError } from './ruleErrors.ts';
import { RuleIndex } from './ruleIndex.ts';
import { sketchFile } from './testing/ruleFactory.ts';
import { type ThrownMessage, thrownBy } from './testing/thrownBy.ts';

const READ_UNDEFINED = thrownBy(() => {
  const discount: { percent: number } | undefined = [{ percent: 5 }][3];
  return discount!.percent;
});
const SET_NULL = thrownBy(() => {
  const order: { total: number } | null = JSON.parse('null');
  order!.total = 1;
});

/** Real Python and Java messages captured by test/fixtures/rules/capture.sh. */
function captured(name: string): ThrownMessage[] {
  const text = readFileSync(new URL(`../../test/fixtures/rules/output/${name}.jsonl`, import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ThrownMessage);
}

const GENERIC_READ = { id: 'js.generic.read', pattern: '^Cannot read properties of ' };
const SPECIFIC_READ = {
  id: 'js.specific.read',
  pattern: "^Cannot read properties of (?<value>undefined|null) \\(reading '(?<property>.*)'\\)$",
};

describe('RuleIndex ranking', () => {
  it('picks the most literal matching rule whatever the file order', () => {
    for (const rules of [
      [GENERIC_READ, SPECIFIC_READ],
      [SPECIFIC_READ, GENERIC_READ],
    ]) {
      const analysis = new RuleIndex([sketchFile(rules)]).analyze('javascript', 'TypeError', READ_UNDEFINED.message);
      expect(analysis.ruleId).toBe('js.specific.read');
      // "Cannot read properties of " (26) + "null" (poorest branch, 4) + " (reading '" (11) + "')" (2)
      expect(analysis.specificity).toBe(TYPE_MATCH_WEIGHT.exact + 43);
      expect(analysis.captures).toEqual({ value: 'undefined', property: 'percent' });
    }
  });

  it('ranks a typed rule above a wildcard rule with far more literal text', () => {
    const wildcard = { id: 'js.any.read', errorTypes: ['*'], pattern: `^${escapeRegExp(READ_UNDEFINED.message)}$` };
    const index = new RuleIndex([sketchFile([wildcard, GENERIC_READ])]);
    expect(index.analyze('javascript', 'TypeError', READ_UNDEFINED.message).ruleId).toBe('js.generic.read');
    // For another error type only the wildcard applies.
    expect(index.analyze('javascript', 'Error', READ_UNDEFINED.message).ruleId).toBe('js.any.read');
  });

  it('adds the specificity bonus', () => {
    const boosted = { ...GENERIC_READ, specificityBonus: 20 };
    const index = new RuleIndex([sketchFile([SPECIFIC_READ, boosted])]);
    const analysis = index.analyze('javascript', 'TypeError', READ_UNDEFINED.message);
    expect(analysis.ruleId).toBe('js.generic.read');
    expect(analysis.specificity).toBe(TYPE_MATCH_WEIGHT.exact + 26 + 20);
  });

  it('breaks ties by rule id, not by file order', () => {
    const b = { id: 'js.b.read', pattern: GENERIC_READ.pattern };
    const a = { id: 'js.a.read', pattern: GENERIC_READ.pattern };
    for (const rules of [
      [b, a],
      [a, b],
    ]) {
      const analysis = new RuleIndex([sketchFile(rules)]).analyze('javascript', 'TypeError', READ_UNDEFINED.message);
      expect(analysis.ruleId).toBe('js.a.read');
      expect(analysis.nearMisses).toEqual([
        { ruleId: 'js.b.read', specificity: analysis.specificity, reason: 'lower-specificity' },
      ]);
    }
  });
});

describe('RuleIndex error types', () => {
  const [decodeError] = captured('python-json-decode');
  const [nullPointer] = captured('java-null-pointer');

  it('matches a qualified type by its last dotted segment, below an exact-type rule', () => {
    const short = { id: 'py.short.decode', errorTypes: ['JSONDecodeError'], pattern: '^Expecting value: line \\d+' };
    const index = new RuleIndex([sketchFile([short], 'python')]);
    const bySuffix = index.analyze('python', decodeError!.errorType, decodeError!.message);
    expect(decodeError!.errorType).toBe('json.decoder.JSONDecodeError');
    expect(bySuffix.ruleId).toBe('py.short.decode');
    expect(bySuffix.specificity).toBe(TYPE_MATCH_WEIGHT.suffix + 'Expecting value: line '.length);

    const exact = { id: 'py.exact.decode', errorTypes: ['json.decoder.JSONDecodeError'], pattern: '^Expecting' };
    const both = new RuleIndex([sketchFile([short, exact], 'python')]);
    const analysis = both.analyze('python', decodeError!.errorType, decodeError!.message);
    expect(analysis.ruleId).toBe('py.exact.decode');
    expect(analysis.nearMisses).toEqual([
      { ruleId: 'py.short.decode', specificity: bySuffix.specificity, reason: 'lower-specificity' },
    ]);
  });

  it('matches a Java exception by its simple class name', () => {
    const npe = {
      id: 'java.null-reference.invoke',
      errorTypes: ['NullPointerException'],
      pattern: '^Cannot invoke "(?<method>[^"]+)" because "(?<expression>[^"]+)" is null$',
    };
    const analysis = new RuleIndex([sketchFile([npe], 'java')]).analyze(
      'java',
      nullPointer!.errorType,
      nullPointer!.message,
    );
    expect(analysis.ruleId).toBe('java.null-reference.invoke');
    expect(analysis.captures).toEqual({ method: 'String.length()', expression: 'name' });
  });

  it('does not match a suffix the other way round, nor rules of another language', () => {
    const qualified = {
      id: 'py.qualified.decode',
      errorTypes: ['json.decoder.JSONDecodeError'],
      pattern: '^Expecting',
    };
    const index = new RuleIndex([sketchFile([qualified], 'python')]);
    expect(index.analyze('python', 'JSONDecodeError', decodeError!.message).ruleId).toBeNull();
    expect(index.analyze('javascript', decodeError!.errorType, decodeError!.message).ruleId).toBeNull();
  });
});

describe('RuleIndex analysis records', () => {
  const rules = [
    GENERIC_READ,
    SPECIFIC_READ,
    { id: 'js.set', pattern: '^Cannot set properties of ' },
    { id: 'js.range.only', errorTypes: ['RangeError'], pattern: '^Cannot read' },
  ];

  it('lists the rules tried that did not match and the matches that lost, never rules of other types', () => {
    const analysis = new RuleIndex([sketchFile(rules)]).analyze('javascript', 'TypeError', READ_UNDEFINED.message);
    expect(analysis.ruleId).toBe('js.specific.read');
    expect(analysis.nearMisses).toEqual([
      { ruleId: 'js.generic.read', specificity: TYPE_MATCH_WEIGHT.exact + 26, reason: 'lower-specificity' },
      { ruleId: 'js.set', specificity: TYPE_MATCH_WEIGHT.exact + 25, reason: 'pattern-did-not-match' },
    ]);
  });

  it('answers unknown with no rule id when nothing matches, still listing what was tried', () => {
    const index = new RuleIndex([sketchFile(rules, 'javascript', '2.1.0')]);
    const analysis = index.analyze('javascript', SET_NULL.errorType, 'Reduce of empty array with no initial value');
    expect(analysis).toMatchObject({ ruleId: null, category: 'unknown', fixStrategies: [], specificity: 0 });
    expect(analysis.ruleSetVersion).toBe('2.1.0');
    expect(analysis.nearMisses.map((miss) => miss.reason)).toEqual([
      'pattern-did-not-match',
      'pattern-did-not-match',
      'pattern-did-not-match',
    ]);
  });

  it('analyses typescript with the javascript rules unless the alias is changed', () => {
    const files = [sketchFile(rules)];
    expect(new RuleIndex(files).analyze('typescript', 'TypeError', SET_NULL.message).ruleId).toBe('js.set');
    const noAlias = new RuleIndex(files, { aliases: {} }).analyze('typescript', 'TypeError', SET_NULL.message);
    expect(noAlias).toMatchObject({ ruleId: null, ruleSetVersion: 'none' });
  });

  it('leaves optional groups that did not take part out of the captures', () => {
    const optional = { id: 'js.optional', pattern: '^Cannot (?<verb>read|set) properties(?<never> of nothing)?' };
    const analysis = new RuleIndex([sketchFile([optional])]).analyze('javascript', 'TypeError', SET_NULL.message);
    expect(analysis.captures).toEqual({ verb: 'set' });
  });

  it('matches only the first maxMessageLength characters', () => {
    const tail = { id: 'js.tail', errorTypes: ['Error'], pattern: 'tail$' };
    const index = new RuleIndex([sketchFile([tail])], { maxMessageLength: 100 });
    expect(index.analyze('javascript', 'Error', `${'x'.repeat(90)}tail`).ruleId).toBe('js.tail');
    expect(index.analyze('javascript', 'Error', `${'x'.repeat(100)}tail`).ruleId).toBeNull();
  });
});

describe('RuleIndex construction', () => {
  it('rejects a pattern that does not compile, naming the rule', () => {
    const broken = sketchFile([{ id: 'js.broken.group', pattern: '^Cannot read (' }]);
    expect(() => new RuleIndex([broken])).toThrow(RulePatternError);
    expect(() => new RuleIndex([broken])).toThrow(/js\.broken\.group/);
  });

  it('rejects an id used twice across files, naming both files', () => {
    const first = sketchFile([GENERIC_READ], 'javascript', '1.0.0');
    const second = sketchFile([{ ...GENERIC_READ, pattern: '^x' }], 'javascript', '1.1.0');
    expect(() => new RuleIndex([first, second])).toThrow(DuplicateRuleIdError);
    expect(() => new RuleIndex([first, second])).toThrow(/javascript@1\.0\.0, javascript@1\.1\.0/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
