import type { Category, Severity } from '../schema/taxonomy.ts';

/** A rule that was considered for a message and why it did not win. */
export interface NearMiss {
  ruleId: string;
  specificity: number;
  reason: 'pattern-did-not-match' | 'lower-specificity' | 'error-type-differs';
}

/** The rule engine's verdict on one error. */
export interface Analysis {
  /** `null` when no rule matched: the category is then `unknown`. */
  ruleId: string | null;
  category: Category;
  rootCause: string;
  /** Fix strategies named by the rule, in the rule's order of preference. */
  fixStrategies: string[];
  severity: Severity;
  specificity: number;
  /**
   * Named groups of the rule's pattern (e.g. the property V8 says it was reading). Fixers may use them only to
   * choose between nodes of the syntax tree, never as text to insert: they come from an untrusted log.
   */
  captures: Record<string, string>;
  nearMisses: NearMiss[];
  ruleSetVersion: string;
}
