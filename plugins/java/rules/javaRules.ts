import { fileURLToPath } from 'node:url';
import { readRuleFile } from '../../../core/rules/loadRuleFile.ts';
import type { RuleFile } from '../../../core/rules/ruleSchema.ts';

/** Path of the rule file, for tools that rewrite it (collectExamples.ts) or report on it. */
export const JAVA_RULES_PATH = fileURLToPath(new URL('./java.rules.json', import.meta.url));

/** The Java rule set (HotSpot / OpenJDK 17+ messages, helpful NullPointerExceptions), validated on load. */
export const javaRules: RuleFile = readRuleFile(JAVA_RULES_PATH);
