import { pathToFileURL } from 'node:url';
import { exampleDrift } from '../../../core/rules/exampleDrift.ts';
import { RUBY_RULES_PATH } from './rubyRules.ts';
import { CAPTURED_DIR, listCases, outcomeOf, readCaptures, runCase } from './rubySnippets.ts';

/**
 * The examples of ruby.rules.json against what Ruby prints for snippets/cases.rb (see core/rules/exampleDrift.ts).
 *
 *   node --import tsx plugins/ruby/rules/collectExamples.ts           # run every case, report drift, exit 1 if any
 *   node --import tsx plugins/ruby/rules/collectExamples.ts --write   # rewrite captured/ from Ruby
 */
const drift = exampleDrift({
  runtimeName: 'Ruby',
  rulesPath: RUBY_RULES_PATH,
  sourcePattern: /snippets\/cases\.rb#(?<name>\w+)$/,
  capturedDir: CAPTURED_DIR,
  readCaptures,
  outcomeOf,
});
export const { caseOf, readRawRuleFile, checkExamples, capturedOutcomes } = drift;

/** Runs every case with `ruby`; returns the raw outputs. */
export async function runAllCases(ruby: string): Promise<Map<string, string>> {
  return drift.runCases(await listCases(ruby), (name) => runCase(ruby, name));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ensureRuby } = await import('../../../test/setup/ensureRuby.ts');
  drift.reportOrWrite(await runAllCases(ensureRuby().ruby), process.argv);
}
