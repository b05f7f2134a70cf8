import { patternLiterals } from './patternLiterals.ts';
import { RulePatternError } from './ruleErrors.ts';
import type { Rule } from './ruleSchema.ts';

/** The error type every rule with `"*"` among its error types applies to. */
export const WILDCARD_ERROR_TYPE = '*';

/**
 * Longest pattern accepted. Rule patterns describe one runtime message, a few hundred characters at most; the cap
 * keeps the literal count (at most the pattern length) far below the gap between type-match weights (10,000), so
 * no amount of literal text lets a rule outrank one that names the error type more precisely.
 */
export const MAX_PATTERN_LENGTH = 2_000;

/** How a rule's error types cover an event's error type. */
export type TypeMatch = 'exact' | 'suffix' | 'wildcard';

/**
 * Weight of each kind of type match in the specificity score: a rule naming the exact type beats one that names its
 * last dotted segment (`JSONDecodeError` for `json.decoder.JSONDecodeError`), which beats a wildcard rule, whatever
 * their patterns; literal characters and the bonus (within ±100) only order rules of the same kind.
 */
export const TYPE_MATCH_WEIGHT: Readonly<Record<TypeMatch, number>> = { exact: 20_000, suffix: 10_000, wildcard: 0 };

/** A rule ready for matching: its pattern compiled once, its literal count computed once. */
export interface CompiledRule {
  readonly rule: Rule;
  /** Where the rule comes from, e.g. `javascript@1.0.0`, for reports. */
  readonly origin: string;
  readonly regex: RegExp;
  readonly literalCharacters: number;
  /** Error types the rule names, without the wildcard. */
  readonly errorTypes: ReadonlySet<string>;
  readonly wildcard: boolean;
}

export function compileRule(rule: Rule, origin: string): CompiledRule {
  if (rule.pattern.length > MAX_PATTERN_LENGTH) {
    throw new RulePatternError(rule.id, rule.pattern, `is longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  let regex: RegExp;
  try {
    regex = new RegExp(rule.pattern, 'u');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RulePatternError(rule.id, rule.pattern, `does not compile: ${reason}`, { cause: error });
  }
  const errorTypes = new Set(rule.errorTypes.filter((type) => type !== WILDCARD_ERROR_TYPE));
  return {
    rule,
    origin,
    regex,
    literalCharacters: patternLiterals(rule.pattern).count,
    errorTypes,
    wildcard: rule.errorTypes.includes(WILDCARD_ERROR_TYPE),
  };
}

/** Last dotted segment of an error type: `NullPointerException` for `java.lang.NullPointerException`. */
export function errorTypeSuffix(errorType: string): string {
  return errorType.slice(errorType.lastIndexOf('.') + 1);
}

/** How `compiled` applies to an event of `errorType`, the best kind first; `null` when it does not. */
export function typeMatchOf(compiled: CompiledRule, errorType: string): TypeMatch | null {
  if (compiled.errorTypes.has(errorType)) return 'exact';
  const suffix = errorTypeSuffix(errorType);
  if (suffix !== errorType && compiled.errorTypes.has(suffix)) return 'suffix';
  return compiled.wildcard ? 'wildcard' : null;
}

/** The explicit ranking score: type-match weight + literal characters + the rule's bonus. */
export function specificityOf(compiled: CompiledRule, typeMatch: TypeMatch): number {
  return TYPE_MATCH_WEIGHT[typeMatch] + compiled.literalCharacters + compiled.rule.specificityBonus;
}
