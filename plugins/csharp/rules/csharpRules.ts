import { fileURLToPath } from 'node:url';
import { readRuleFile } from '../../../core/rules/loadRuleFile.ts';
import type { RuleFile } from '../../../core/rules/ruleSchema.ts';

/** Path of the rule file, for tools that rewrite it (collectExamples.ts) or report on it. */
export const CSHARP_RULES_PATH = fileURLToPath(new URL('./csharp.rules.json', import.meta.url));

/** The C# rule set (exceptions of the .NET class library as Mono 6.8 and .NET print them), validated on load. */
export const csharpRules: RuleFile = readRuleFile(CSHARP_RULES_PATH);
