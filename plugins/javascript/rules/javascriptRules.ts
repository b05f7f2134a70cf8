import { fileURLToPath } from 'node:url';
import { readRuleFile } from '../../../core/rules/loadRuleFile.ts';
import type { RuleFile } from '../../../core/rules/ruleSchema.ts';

/** Path of the rule file, for tools that rewrite it (collectExamples.ts) or report on it. */
export const JAVASCRIPT_RULES_PATH = fileURLToPath(new URL('./javascript.rules.json', import.meta.url));

/** The JavaScript/TypeScript rule set (V8 / Node.js 20+ messages), validated on load. */
export const javascriptRules: RuleFile = readRuleFile(JAVASCRIPT_RULES_PATH);
