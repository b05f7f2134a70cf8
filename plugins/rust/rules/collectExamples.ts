import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exampleDrift } from '../../../core/rules/exampleDrift.ts';
import { RUST_RULES_PATH } from './rustRules.ts';
import { buildSnippets, CAPTURED_DIR, listCases, outcomeOf, readCaptures, runCase } from './rustSnippets.ts';

/**
 * The examples of rust.rules.json against what Rust prints for snippets/src/main.rs (see core/rules/exampleDrift.ts).
 *
 *   node --import tsx plugins/rust/rules/collectExamples.ts           # run every case, report drift, exit 1 if any
 *   node --import tsx plugins/rust/rules/collectExamples.ts --write   # rewrite captured/ from Rust
 */
const drift = exampleDrift({
  runtimeName: 'Rust',
  rulesPath: RUST_RULES_PATH,
  sourcePattern: /snippets\/src\/main\.rs#(?<name>\w+)$/,
  capturedDir: CAPTURED_DIR,
  readCaptures,
  outcomeOf,
});
export const { caseOf, readRawRuleFile, checkExamples, capturedOutcomes } = drift;

/** Builds the snippets with cargo and runs every case; returns the raw outputs. */
export async function runAllCases(): Promise<Map<string, string>> {
  const { binary, dir } = await buildSnippets();
  try {
    return await drift.runCases(await listCases(binary), (name) => runCase(binary, dir, name));
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  drift.reportOrWrite(await runAllCases(), process.argv);
}
