import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exampleDrift } from '../../../core/rules/exampleDrift.ts';
import { CSHARP_RULES_PATH } from './csharpRules.ts';
import { CAPTURED_DIR, compileCases, listCases, outcomeOf, readCaptures, runCase } from './csharpSnippets.ts';

/**
 * The examples of csharp.rules.json against what Mono prints for snippets/Program.cs (see core/rules/exampleDrift.ts).
 * UnauthorizedAccessException has no case: these captures run as root, which may read and write anything.
 *
 *   node --import tsx plugins/csharp/rules/collectExamples.ts           # run every case, report drift, exit 1 if any
 *   node --import tsx plugins/csharp/rules/collectExamples.ts --write   # rewrite captured/ from Mono
 */
const drift = exampleDrift({
  runtimeName: 'Mono',
  rulesPath: CSHARP_RULES_PATH,
  sourcePattern: /snippets\/Program\.cs#(?<name>\w+)$/,
  capturedDir: CAPTURED_DIR,
  readCaptures,
  outcomeOf,
});
export const { caseOf, readRawRuleFile, checkExamples, capturedOutcomes } = drift;

/** Compiles Program.cs and runs every case with `mono`; returns the raw outputs. */
export async function runAllCases(mono: string, mcs: string): Promise<Map<string, string>> {
  const compiled = await compileCases(mono, mcs);
  try {
    return await drift.runCases(await listCases(compiled), (name) => runCase(compiled, name));
  } finally {
    rmSync(dirname(compiled.exe), { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ensureMono } = await import('../../../test/setup/ensureMono.ts');
  const { mono, mcs } = ensureMono();
  drift.reportOrWrite(await runAllCases(mono, mcs), process.argv);
}
