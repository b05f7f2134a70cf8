import { beforeAll, describe, expect, it } from 'vitest';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import { testRules } from '../../../core/rules/ruleTester.ts';
import { javaFixers } from '../fixers/index.ts';
import { checkExamples, readRawRuleFile, unusedCases } from './collectExamples.ts';
import { javaRules } from './javaRules.ts';
import { type ExampleRun, runExamplePrograms } from './runExamples.ts';
import { JAVA_FIX_STRATEGIES } from './strategies.ts';

describe('java.rules.json', () => {
  it('passes `homeostasis rules test` with the strategies the Java fixers implement', () => {
    const report = testRules([javaRules], { knownStrategies: new Set(javaFixers.map((fixer) => fixer.strategy)) });
    expect(report.failures).toEqual([]);
    expect(report.counts.rules).toBeGreaterThanOrEqual(40);
    expect(javaRules.rules.every((rule) => rule.examples.positive.length >= 2)).toBe(true);
  });

  it('names only strategies the fixers implement, and every fixer is named by a rule', () => {
    expect(new Set(javaFixers.map((fixer) => fixer.strategy))).toEqual(new Set(JAVA_FIX_STRATEGIES));
    const named = new Set(javaRules.rules.flatMap((rule) => rule.fixStrategies));
    expect([...named].sort()).toEqual([...JAVA_FIX_STRATEGIES].sort());
  });

  it('ranks the Map.get rules above the generic ones for the same NullPointerException', () => {
    const index = new RuleIndex([javaRules]);
    const unbox = index.analyze(
      'java',
      'java.lang.NullPointerException',
      'Cannot invoke "java.lang.Integer.intValue()" because the return value of "java.util.Map.get(Object)" is null',
    );
    expect(unbox.ruleId).toBe('java.missing-key.unbox-map-get');
    expect(unbox.fixStrategies[0]).toBe('map-get-or-default');
    const local = index.analyze(
      'java',
      'java.lang.NullPointerException',
      'Cannot invoke "String.trim()" because "code" is null',
    );
    expect(local.ruleId).toBe('java.null-reference.invoke-on-variable');
    expect(local.captures['variable']).toBe('code');
  });
});

describe('java.rules.json examples against the real JVM', () => {
  let run: ExampleRun;
  beforeAll(async () => {
    run = await runExamplePrograms();
  });

  it('every example is what its case makes Java report (errorType and message, exactly)', () => {
    const checks = checkExamples(readRawRuleFile(), run);
    expect(checks.length).toBeGreaterThan(200);
    expect(checks.filter((check) => check.problem !== null).map((c) => `${c.ruleId}: ${c.problem}`)).toEqual([]);
  });

  it('every case of the example programs backs an example', () => {
    expect(unusedCases(checkExamples(readRawRuleFile(), run), run)).toEqual([]);
  });
});
