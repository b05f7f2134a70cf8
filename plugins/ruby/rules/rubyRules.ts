import { fileURLToPath } from 'node:url';
import { readRuleFile } from '../../../core/rules/loadRuleFile.ts';
import type { RuleFile } from '../../../core/rules/ruleSchema.ts';

/** Path of the rule file, for tools that rewrite it (collectExamples.ts) or report on it. */
export const RUBY_RULES_PATH = fileURLToPath(new URL('./ruby.rules.json', import.meta.url));

/** The Ruby rule set (exceptions of Ruby 3.1+ and its standard library), validated on load. */
export const rubyRules: RuleFile = readRuleFile(RUBY_RULES_PATH);
