import { z } from 'zod';
import { CATEGORIES, LANGUAGES, SEVERITIES } from '../schema/taxonomy.ts';

/** A real runtime message: what the runtime printed as the error's type and message. */
export const RuleExampleSchema = z.object({
  errorType: z.string().min(1),
  message: z.string(),
  /** Where the example came from (runtime and version, or the program that produced it). */
  source: z.string().optional(),
});
export type RuleExample = z.infer<typeof RuleExampleSchema>;

export const RuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, 'rule ids look like "js.null-reference.read-property"'),
  /** Exact error types this rule applies to; `["*"]` for any type (such rules rank below typed ones). */
  errorTypes: z.array(z.string().min(1)).min(1),
  /** ECMAScript regular expression over the message; named groups become the analysis captures. */
  pattern: z.string().min(1),
  category: z.enum(CATEGORIES),
  rootCause: z.string().min(1),
  fixStrategies: z.array(z.string().min(1)),
  severity: z.enum(SEVERITIES),
  /** Added to the computed specificity, for the rare case a rule must outrank a more literal one. */
  specificityBonus: z.number().int().min(-100).max(100).default(0),
  examples: z.object({
    positive: z.array(RuleExampleSchema).min(2),
    negative: z.array(RuleExampleSchema).min(1),
  }),
});
export type Rule = z.infer<typeof RuleSchema>;

export const RuleFileSchema = z.object({
  language: z.enum(LANGUAGES),
  /** Version of this language's rule set, reported by `Describe` and stored with each analysis. */
  version: z.string().min(1),
  rules: z.array(RuleSchema),
});
export type RuleFile = z.infer<typeof RuleFileSchema>;
