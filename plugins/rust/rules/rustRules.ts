import { fileURLToPath } from 'node:url';
import { readRuleFile } from '../../../core/rules/loadRuleFile.ts';
import type { RuleFile } from '../../../core/rules/ruleSchema.ts';

/** Path of the rule file, for tools that rewrite it (collectExamples.ts) or report on it. */
export const RUST_RULES_PATH = fileURLToPath(new URL('./rust.rules.json', import.meta.url));

/** The Rust rule set (panics of the Rust 1.73+ standard library), validated on load. */
export const rustRules: RuleFile = readRuleFile(RUST_RULES_PATH);
