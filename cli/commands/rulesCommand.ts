import { explainAnalysis, formatExplanation } from '../../core/rules/explainMessage.ts';
import { formatRuleTestReport } from '../../core/rules/formatRuleTestReport.ts';
import { RuleIndex } from '../../core/rules/ruleIndex.ts';
import { type RuleTestReport, testRules } from '../../core/rules/ruleTester.ts';
import { LANGUAGES, type Language } from '../../core/schema/taxonomy.ts';
import { ALL_PLUGINS, createRegistry } from '../../plugins/index.ts';
import { CliError } from '../cliError.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';

export interface RulesFlags {
  explain?: string;
  language?: string;
  json?: boolean;
}

/**
 * `rules test`: every language's rules against their examples and the strategies that language's fixers
 * implement; the index over all languages rejects an id used twice. `--explain` classifies one message.
 */
export async function runRulesTest(flags: RulesFlags): Promise<ExitCode> {
  if (flags.explain !== undefined) return explain(flags.explain, flags);
  const registry = createRegistry(); // throws on ids duplicated across languages
  const reports: { language: string; report: RuleTestReport }[] = registry.plugins.map((plugin) => ({
    language: plugin.language,
    report: testRules([plugin.rules], { knownStrategies: new Set(plugin.fixers.map((f) => f.strategy)) }),
  }));
  const passed = reports.every((r) => r.report.passed);
  if (flags.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  else for (const r of reports) process.stdout.write(`${r.language}\n${formatRuleTestReport(r.report)}\n`);
  return passed ? EXIT.ok : EXIT.rulesInvalid;
}

function explain(text: string, flags: RulesFlags): ExitCode {
  const colon = text.indexOf(': ');
  if (colon <= 0)
    throw new CliError('--explain expects "<ErrorType>: <message>" as the runtime printed it', EXIT.usage);
  const errorType = text.slice(0, colon).trim();
  const message = text.slice(colon + 2);
  const index = new RuleIndex(ALL_PLUGINS.map((p) => p.rules));
  const languages = flags.language ? [asLanguage(flags.language)] : ALL_PLUGINS.map((p) => p.language);
  const explanations = languages.map((language) => explainAnalysis(index, language, errorType, message));
  if (flags.json) process.stdout.write(`${JSON.stringify(explanations, null, 2)}\n`);
  else process.stdout.write(`${explanations.map(formatExplanation).join('\n')}\n`);
  return EXIT.ok;
}

function asLanguage(value: string): Language {
  if (!(LANGUAGES as readonly string[]).includes(value)) {
    throw new CliError(`unknown language "${value}"; one of: ${LANGUAGES.join(', ')}`, EXIT.usage);
  }
  return value as Language;
}
