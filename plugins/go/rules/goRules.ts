import { fileURLToPath } from 'node:url';
import { readRuleFile } from '../../../core/rules/loadRuleFile.ts';
import type { RuleFile } from '../../../core/rules/ruleSchema.ts';

/** Path of the rule file, for tools that rewrite it (collectExamples.ts) or report on it. */
export const GO_RULES_PATH = fileURLToPath(new URL('./go.rules.json', import.meta.url));

/** The Go rule set (panics and fatal errors of the Go 1.19+ runtime, errors services panic or log with), validated on load. */
export const goRules: RuleFile = readRuleFile(GO_RULES_PATH);
