import { fileURLToPath } from 'node:url';
import { readRuleFile } from '../../../core/rules/loadRuleFile.ts';
import type { RuleFile } from '../../../core/rules/ruleSchema.ts';

/** Path of the rule file, for tools that rewrite it (collectExamples.ts) or report on it. */
export const PYTHON_RULES_PATH = fileURLToPath(new URL('./python.rules.json', import.meta.url));

/** The Python rule set (CPython 3.11+ messages), validated on load. */
export const pythonRules: RuleFile = readRuleFile(PYTHON_RULES_PATH);
