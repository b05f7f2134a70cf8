import { describe, expect, it } from 'vitest';
import { formatRuleTestReport } from './formatRuleTestReport.ts';
import { RuleIndex } from './ruleIndex.ts';
import { type RuleTestFailure, testRules } from './ruleTester.ts';
import { type RuleSketch, sketchFile } from './testing/ruleFactory.ts';
import { thrownBy } from './testing/thrownBy.ts';

const lookup = (key: string): { percent: number } | null | undefined =>
  key === 'null' ? JSON.parse('null') : ({} as Record<string, { percent: number }>)[key];
const READ_UNDEFINED = thrownBy(() => lookup('SUMMER25')!.percent);
const READ_NULL = thrownBy(() => lookup('null')!.percent);
const SET_UNDEFINED = thrownBy(() => {
  lookup('WELCOME')!.percent = 1;
});
const SET_NULL = thrownBy(() => {
  lookup('null')!.percent = 1;
});
const JSON_END = thrownBy(() => JSON.parse(''));
const JSON_END_OBJECT = thrownBy(() => JSON.parse('{"sku":'));
const JSON_TOKEN = thrownBy(() => JSON.parse('not json'));

const STRATEGIES = new Set(['optional-chaining', 'guard-early-return', 'guarded-json-parse']);

const READ: RuleSketch = {
  id: 'js.null-reference.read',
  pattern: "^Cannot read properties of (?<value>undefined|null) \\(reading '(?<property>.*)'\\)$",
  fixStrategies: ['optional-chaining', 'guard-early-return'],
  positive: [READ_UNDEFINED, READ_NULL],
  negative: [SET_NULL],
};
const SET: RuleSketch = {
  id: 'js.null-reference.set',
  pattern: "^Cannot set properties of (?<value>undefined|null) \\(setting '(?<property>.*)'\\)$",
  fixStrategies: ['guard-early-return'],
  positive: [SET_UNDEFINED, SET_NULL],
  negative: [READ_UNDEFINED],
};
const JSON_END_RULE: RuleSketch = {
  id: 'js.parse-error.json-end',
  errorTypes: ['SyntaxError'],
  category: 'parse-error',
  pattern: '^Unexpected end of JSON input$',
  fixStrategies: ['guarded-json-parse'],
  positive: [JSON_END, JSON_END_OBJECT],
  negative: [JSON_TOKEN],
};

function failuresOf(failures: RuleTestFailure[], ruleId: string): Pick<RuleTestFailure, 'check' | 'reason'>[] {
  return failures.filter((f) => f.ruleId === ruleId).map(({ check, reason }) => ({ check, reason }));
}

describe('testRules', () => {
  it('passes a clean rule set and counts what it checked', () => {
    const report = testRules([sketchFile([READ, SET, JSON_END_RULE])], { knownStrategies: STRATEGIES });
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.counts).toEqual({
      files: 1,
      rules: 3,
      failingRules: 0,
      positiveExamples: 6,
      negativeExamples: 3,
      failures: 0,
    });
    expect(report.redos.map((r) => r.verdict.status)).toEqual(['safe', 'safe', 'safe']);
    expect(formatRuleTestReport(report)).toContain('all checks passed');
  });

  it('accepts an index as well as files', () => {
    const index = new RuleIndex([sketchFile([READ, SET, JSON_END_RULE])]);
    expect(testRules(index, { knownStrategies: STRATEGIES }).passed).toBe(true);
  });

  it('reports a duplicate id across files', () => {
    const report = testRules(
      [
        sketchFile([READ, SET], 'javascript', '1.0.0'),
        sketchFile([{ ...SET, pattern: '^Cannot set' }], 'javascript', '1.1.0'),
      ],
      { knownStrategies: STRATEGIES },
    );
    expect(report.failures).toEqual([
      {
        ruleId: 'js.null-reference.set',
        origin: 'javascript@1.1.0',
        check: 'unique-id',
        reason: 'id is already used by a rule of javascript@1.0.0',
      },
    ]);
  });

  it('reports patterns that backtrack catastrophically', () => {
    const nested: RuleSketch = {
      ...JSON_END_RULE,
      id: 'js.parse-error.nested',
      pattern: '^(?:\\w+\\s?)+ of JSON input$',
    };
    const classic: RuleSketch = { ...JSON_END_RULE, id: 'js.redos.classic', pattern: '^(a+)+$' };
    const report = testRules([sketchFile([READ, nested, classic])], { knownStrategies: STRATEGIES });
    expect(failuresOf(report.failures, 'js.parse-error.nested')).toEqual([
      {
        check: 'no-catastrophic-backtracking',
        reason: expect.stringMatching(/^catastrophic backtracking \(exponential\)/),
      },
    ]);
    expect(failuresOf(report.failures, 'js.redos.classic')).toContainEqual({
      check: 'no-catastrophic-backtracking',
      reason: expect.stringContaining('exponential'),
    });
    expect(failuresOf(report.failures, 'js.null-reference.read')).toEqual([]);
  });

  it('reports a fix strategy the fixers do not know', () => {
    const report = testRules([sketchFile([{ ...READ, fixStrategies: ['optional-chaining', 'rewrite-module'] }])], {
      knownStrategies: STRATEGIES,
    });
    expect(failuresOf(report.failures, READ.id)).toEqual([
      {
        check: 'known-fix-strategies',
        reason: expect.stringMatching(/^fix strategy "rewrite-module" is not one of: /),
      },
    ]);
  });

  it('reports failing examples: no match, wrong type, won by another rule, negative that matches', () => {
    const noMatch: RuleSketch = {
      ...SET,
      id: 'js.null-reference.set-typo',
      pattern: '^Cannot set propertes',
      positive: [SET_NULL, SET_UNDEFINED],
    };
    const wrongType: RuleSketch = { ...JSON_END_RULE, id: 'js.parse-error.typed', errorTypes: ['RangeError'] };
    const generic: RuleSketch = {
      id: 'js.null-reference.generic',
      pattern: '^Cannot read properties of ',
      positive: [READ_UNDEFINED, READ_NULL],
      negative: [READ_NULL],
    };
    const report = testRules([sketchFile([READ, noMatch, wrongType, generic])], { knownStrategies: STRATEGIES });

    expect(failuresOf(report.failures, 'js.null-reference.set-typo')).toEqual([
      { check: 'positive-example', reason: `pattern does not match TypeError: ${JSON.stringify(SET_NULL.message)}` },
      {
        check: 'positive-example',
        reason: `pattern does not match TypeError: ${JSON.stringify(SET_UNDEFINED.message)}`,
      },
    ]);
    expect(failuresOf(report.failures, 'js.parse-error.typed')).toEqual([
      {
        check: 'positive-example',
        reason: `error type of SyntaxError: ${JSON.stringify(JSON_END.message)} is not among RangeError`,
      },
      { check: 'positive-example', reason: expect.stringContaining('is not among RangeError') },
    ]);
    expect(failuresOf(report.failures, 'js.null-reference.generic')).toEqual([
      {
        check: 'positive-example',
        reason: expect.stringMatching(
          /but js\.null-reference\.read wins the analysis \(specificity 20043 against 20026\)$/,
        ),
      },
      { check: 'positive-example', reason: expect.stringContaining('but js.null-reference.read wins') },
      { check: 'negative-example', reason: `matches TypeError: ${JSON.stringify(READ_NULL.message)}` },
    ]);
    expect(report.passed).toBe(false);
    expect(report.counts).toMatchObject({ rules: 4, failingRules: 3, failures: 7 });
    expect(formatRuleTestReport(report)).toContain('7 failure(s) in 3 rule(s):');
  });

  it('reports a pattern that does not compile and still checks the other rules', () => {
    const broken: RuleSketch = { ...SET, id: 'js.broken.pattern', pattern: '^Cannot set (' };
    const report = testRules([sketchFile([READ, broken])], { knownStrategies: STRATEGIES });
    expect(report.failures).toEqual([
      expect.objectContaining({
        ruleId: 'js.broken.pattern',
        check: 'pattern-compiles',
        reason: expect.stringContaining('does not compile'),
      }),
    ]);
  });
});
