import type { Language } from '../../schema/taxonomy.ts';
import { type Rule, type RuleExample, type RuleFile, RuleSchema } from '../ruleSchema.ts';

export interface RuleSketch {
  id: string;
  pattern: string;
  errorTypes?: string[];
  category?: Rule['category'];
  fixStrategies?: string[];
  specificityBonus?: number;
  positive?: RuleExample[];
  negative?: RuleExample[];
}

const PLACEHOLDER: RuleExample = { errorType: 'Error', message: 'placeholder for a test that ignores examples' };

/** A schema-valid rule for engine tests; examples default to placeholders for tests that do not check them. */
export function sketchRule(sketch: RuleSketch): Rule {
  return RuleSchema.parse({
    id: sketch.id,
    errorTypes: sketch.errorTypes ?? ['TypeError'],
    pattern: sketch.pattern,
    category: sketch.category ?? 'null-reference',
    rootCause: `root cause of ${sketch.id}`,
    fixStrategies: sketch.fixStrategies ?? [],
    severity: 'error',
    specificityBonus: sketch.specificityBonus ?? 0,
    examples: { positive: sketch.positive ?? [PLACEHOLDER, PLACEHOLDER], negative: sketch.negative ?? [PLACEHOLDER] },
  });
}

export function sketchFile(rules: RuleSketch[], language: Language = 'javascript', version = '0.0.0-test'): RuleFile {
  return { language, version, rules: rules.map(sketchRule) };
}
