import { pathToFileURL } from 'node:url';
import { exampleDrift } from '../../../core/rules/exampleDrift.ts';
import { PHP_RULES_PATH } from './phpRules.ts';
import { CAPTURED_DIR, listCases, outcomeOf, readCaptures, runCase } from './phpSnippets.ts';

/**
 * The examples of php.rules.json against what PHP prints for snippets/cases.php (see core/rules/exampleDrift.ts).
 *
 *   node --import tsx plugins/php/rules/collectExamples.ts           # run every case, report drift, exit 1 if any
 *   node --import tsx plugins/php/rules/collectExamples.ts --write   # rewrite captured/ from PHP
 */
const drift = exampleDrift({
  runtimeName: 'PHP',
  rulesPath: PHP_RULES_PATH,
  sourcePattern: /snippets\/cases\.php#(?<name>\w+)$/,
  capturedDir: CAPTURED_DIR,
  readCaptures,
  outcomeOf,
});
export const { caseOf, readRawRuleFile, checkExamples, capturedOutcomes } = drift;

/** Runs every case with `php`; returns the raw outputs. */
export async function runAllCases(php: string): Promise<Map<string, string>> {
  return drift.runCases(await listCases(php), (name) => runCase(php, name));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ensurePhp } = await import('../../../test/setup/ensurePhp.ts');
  drift.reportOrWrite(await runAllCases(ensurePhp().php), process.argv);
}
