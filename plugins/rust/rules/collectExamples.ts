import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RUST_RULES_PATH } from './rustRules.ts';
import {
  buildSnippets,
  CAPTURED_DIR,
  listCases,
  outcomeOf,
  type RustSnippetOutcome,
  readCaptures,
  runCase,
} from './rustSnippets.ts';

/**
 * Every example of rust.rules.json names the case of snippets/src/main.rs that produces it (`source: "rustc 1.95.0
 * snippets/src/main.rs#indexVec"`). The committed captures (captured/<case>.txt) are what Rust printed for each case;
 * the examples must be what the Rust parser reads from them (rustRules.test.ts), and a fresh run must read the same
 * (rustRulesDrift.test.ts), so a message that changes with a Rust upgrade is caught.
 *
 *   node --import tsx plugins/rust/rules/collectExamples.ts           # run every case, report drift, exit 1 if any
 *   node --import tsx plugins/rust/rules/collectExamples.ts --write   # rewrite captured/ and the examples from Rust
 */
const SOURCE_PATTERN = /snippets\/src\/main\.rs#(?<name>\w+)$/;

interface RawExample {
  errorType: string;
  message: string;
  source?: string;
}

interface RawRuleFile {
  rules: { id: string; examples: { positive: RawExample[]; negative: RawExample[] } }[];
}

export interface ExampleCheck {
  ruleId: string;
  caseName: string | null;
  /** Why the example is not what the capture says; null when it is. */
  problem: string | null;
}

export function caseOf(source: string | undefined): string | null {
  return (source ? SOURCE_PATTERN.exec(source)?.groups?.['name'] : undefined) ?? null;
}

export function readRawRuleFile(path = RUST_RULES_PATH): RawRuleFile {
  return JSON.parse(readFileSync(path, 'utf8')) as RawRuleFile;
}

/** Compares every example with the outcome of the case it names. */
export function checkExamples(file: RawRuleFile, outcomes: ReadonlyMap<string, RustSnippetOutcome>): ExampleCheck[] {
  return file.rules.flatMap((rule) =>
    [...rule.examples.positive, ...rule.examples.negative].map((example) => {
      const caseName = caseOf(example.source);
      const outcome = caseName === null ? undefined : outcomes.get(caseName);
      let problem: string | null = null;
      if (caseName === null) problem = `source ${JSON.stringify(example.source)} names no case`;
      else if (outcome === undefined) problem = `case ${caseName} has no capture`;
      else if (outcome.errorType !== example.errorType || outcome.message !== example.message) {
        problem = `example ${example.errorType}: ${JSON.stringify(example.message)} but Rust reports ${outcome.errorType}: ${JSON.stringify(outcome.message)}`;
      }
      return { ruleId: rule.id, caseName, problem };
    }),
  );
}

/** What the committed captures say, case by case. */
export function capturedOutcomes(): Map<string, RustSnippetOutcome> {
  return new Map([...readCaptures()].map(([name, output]) => [name, outcomeOf(name, output)]));
}

/** Builds the snippets with cargo and runs every case; returns the raw outputs. */
export async function runAllCases(): Promise<Map<string, string>> {
  const { binary, dir } = await buildSnippets();
  try {
    const names = await listCases(binary);
    const outputs = await Promise.all(names.map(async (name) => [name, await runCase(binary, dir, name)] as const));
    return new Map(outputs);
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const outputs = await runAllCases();
  const fresh = new Map([...outputs].map(([name, output]) => [name, outcomeOf(name, output)]));
  const file = readRawRuleFile();
  if (process.argv.includes('--write')) {
    rmSync(CAPTURED_DIR, { recursive: true, force: true });
    mkdirSync(CAPTURED_DIR, { recursive: true });
    for (const [name, output] of outputs) writeFileSync(join(CAPTURED_DIR, `${name}.txt`), output);
    console.log(`rewrote ${outputs.size} captures`);
    return;
  }
  const checks = checkExamples(file, fresh);
  const failing = checks.filter((check) => check.problem !== null);
  for (const check of failing) console.log(`${check.ruleId}: ${check.problem}`);
  for (const [name, outcome] of fresh) console.log(`${name}\t${outcome.errorType}\t${JSON.stringify(outcome.message)}`);
  console.log(`${checks.length} examples, ${failing.length} differ from this Rust`);
  if (failing.length > 0) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
