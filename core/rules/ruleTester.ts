import { isCategory } from '../schema/taxonomy.ts';
import { type CompiledRule, compileRule, typeMatchOf } from './compiledRule.ts';
import { checkRedos, type RedosCheckOptions, type RedosVerdict } from './redosCheck.ts';
import { RuleIndex, type RuleIndexOptions } from './ruleIndex.ts';
import type { Rule, RuleExample, RuleFile } from './ruleSchema.ts';

/** What `homeostasis rules test` checks for each rule. */
export type RuleCheck =
  | 'unique-id'
  | 'pattern-compiles'
  | 'no-catastrophic-backtracking'
  | 'category-in-taxonomy'
  | 'known-fix-strategies'
  | 'example-count'
  | 'positive-example'
  | 'negative-example';

export interface RuleTestFailure {
  ruleId: string;
  /** File the rule comes from, as `language@version`. */
  origin: string;
  check: RuleCheck;
  reason: string;
}

export interface RuleTestReport {
  passed: boolean;
  counts: {
    files: number;
    rules: number;
    /** Rules with at least one failure. */
    failingRules: number;
    positiveExamples: number;
    negativeExamples: number;
    failures: number;
  };
  failures: RuleTestFailure[];
  /** How each compiled pattern's ReDoS safety was established, by rule id. */
  redos: { ruleId: string; verdict: RedosVerdict }[];
}

export interface RuleTestOptions {
  /** Fix strategies the language's fixers implement; a rule naming any other is a failure. */
  knownStrategies: ReadonlySet<string>;
  redos?: RedosCheckOptions;
  /** Used when files are given (an index carries its own). */
  index?: RuleIndexOptions;
}

/**
 * Checks rule files the way `homeostasis rules test` does: unique ids across files, patterns that compile and cannot
 * backtrack catastrophically, categories from the taxonomy, fix strategies the fixers know, enough examples, every
 * positive example matched by its rule AND won by it in a real analysis, no negative example matched.
 * Rules that cannot be compiled (or repeat an id) are reported and left out of the index the examples run against.
 */
export function testRules(source: RuleIndex | readonly RuleFile[], options: RuleTestOptions): RuleTestReport {
  const files = source instanceof RuleIndex ? source.files : source;
  const failures: RuleTestFailure[] = [];
  const redos: RuleTestReport['redos'] = [];
  const compiledById = new Map<string, CompiledRule>();
  const indexedFiles: RuleFile[] = [];
  let positiveExamples = 0;
  let negativeExamples = 0;

  for (const file of files) {
    const origin = `${file.language}@${file.version}`;
    const fail = (rule: Rule, check: RuleCheck, reason: string) =>
      failures.push({ ruleId: rule.id, origin, check, reason });
    const indexedRules: Rule[] = [];
    for (const rule of file.rules) {
      positiveExamples += rule.examples.positive.length;
      negativeExamples += rule.examples.negative.length;
      checkDeclarations(rule, options.knownStrategies, fail);
      const earlier = compiledById.get(rule.id);
      if (earlier) {
        fail(rule, 'unique-id', `id is already used by a rule of ${earlier.origin}`);
        continue;
      }
      let compiled: CompiledRule;
      try {
        compiled = compileRule(rule, origin);
      } catch (error) {
        fail(rule, 'pattern-compiles', error instanceof Error ? error.message : String(error));
        continue;
      }
      compiledById.set(rule.id, compiled);
      indexedRules.push(rule);
      const verdict = checkRedos(rule.pattern, options.redos);
      redos.push({ ruleId: rule.id, verdict });
      if (verdict.status === 'vulnerable') fail(rule, 'no-catastrophic-backtracking', describeVulnerable(verdict));
    }
    indexedFiles.push({ ...file, rules: indexedRules });
  }

  const index = source instanceof RuleIndex ? source : new RuleIndex(indexedFiles, options.index);
  for (const file of indexedFiles) {
    const origin = `${file.language}@${file.version}`;
    for (const rule of file.rules) {
      const compiled = compiledById.get(rule.id)!;
      const fail = (check: RuleCheck, reason: string) => failures.push({ ruleId: rule.id, origin, check, reason });
      for (const example of rule.examples.positive) checkPositive(index, file, compiled, example, fail);
      for (const example of rule.examples.negative) {
        if (matches(index, compiled, example)) fail('negative-example', `matches ${describeExample(example)}`);
      }
    }
  }

  return {
    passed: failures.length === 0,
    counts: {
      files: files.length,
      rules: files.reduce((sum, file) => sum + file.rules.length, 0),
      failingRules: new Set(failures.map((failure) => `${failure.origin}\u0000${failure.ruleId}`)).size,
      positiveExamples,
      negativeExamples,
      failures: failures.length,
    },
    failures,
    redos,
  };
}

/** Checks that need no compiled pattern: taxonomy, strategies, example counts (zod checks them too on load). */
function checkDeclarations(
  rule: Rule,
  knownStrategies: ReadonlySet<string>,
  fail: (rule: Rule, check: RuleCheck, reason: string) => void,
): void {
  if (!isCategory(rule.category))
    fail(rule, 'category-in-taxonomy', `category "${rule.category}" is not in the taxonomy`);
  for (const strategy of rule.fixStrategies) {
    if (!knownStrategies.has(strategy)) {
      fail(
        rule,
        'known-fix-strategies',
        `fix strategy "${strategy}" is not one of: ${[...knownStrategies].join(', ')}`,
      );
    }
  }
  if (rule.examples.positive.length < 2) {
    fail(rule, 'example-count', `needs at least 2 positive examples, has ${rule.examples.positive.length}`);
  }
  if (rule.examples.negative.length < 1) fail(rule, 'example-count', 'needs at least 1 negative example, has 0');
}

function checkPositive(
  index: RuleIndex,
  file: RuleFile,
  compiled: CompiledRule,
  example: RuleExample,
  fail: (check: RuleCheck, reason: string) => void,
): void {
  if (typeMatchOf(compiled, example.errorType) === null) {
    fail(
      'positive-example',
      `error type of ${describeExample(example)} is not among ${compiled.rule.errorTypes.join(', ')}`,
    );
    return;
  }
  if (!compiled.regex.test(index.matchedText(example.message))) {
    fail('positive-example', `pattern does not match ${describeExample(example)}`);
    return;
  }
  const analysis = index.analyze(file.language, example.errorType, example.message);
  if (analysis.ruleId !== compiled.rule.id) {
    const own = analysis.nearMisses.find((miss) => miss.ruleId === compiled.rule.id)?.specificity;
    fail(
      'positive-example',
      `matches ${describeExample(example)} but ${analysis.ruleId} wins the analysis ` +
        `(specificity ${analysis.specificity} against ${own ?? '?'})`,
    );
  }
}

/** A rule matches an example when it applies to the example's error type and its pattern matches the message. */
function matches(index: RuleIndex, compiled: CompiledRule, example: RuleExample): boolean {
  return typeMatchOf(compiled, example.errorType) !== null && compiled.regex.test(index.matchedText(example.message));
}

function describeExample(example: RuleExample): string {
  const message = example.message.length > 120 ? `${example.message.slice(0, 120)}…` : example.message;
  return `${example.errorType}: ${JSON.stringify(message)}`;
}

function describeVulnerable(verdict: Extract<RedosVerdict, { status: 'vulnerable' }>): string {
  if (verdict.by === 'recheck') return `catastrophic backtracking (${verdict.complexity}), attack: ${verdict.attack}`;
  return (
    `${verdict.recheck}; a probe match on ${verdict.inputLength} adversarial characters took ` +
    `${verdict.worstMs.toFixed(1)} ms`
  );
}
