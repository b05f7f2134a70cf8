import { fileURLToPath } from 'node:url';
import { readRuleFile } from '../../../core/rules/loadRuleFile.ts';
import type { RuleFile } from '../../../core/rules/ruleSchema.ts';

/** Path of the rule file, for tools that rewrite it (collectExamples.ts) or report on it. */
export const PHP_RULES_PATH = fileURLToPath(new URL('./php.rules.json', import.meta.url));

/** The PHP rule set (uncaught errors and exceptions of PHP 8), validated on load. */
export const phpRules: RuleFile = readRuleFile(PHP_RULES_PATH);
