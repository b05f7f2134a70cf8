import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pLimit from 'p-limit';
import { CSHARP_RULES_PATH } from './csharpRules.ts';
import {
  CAPTURED_DIR,
  type CsharpSnippetOutcome,
  compileCases,
  listCases,
  outcomeOf,
  readCaptures,
  runCase,
} from './csharpSnippets.ts';

/**
 * Every example of csharp.rules.json names the case of snippets/Program.cs that produces it (`source: "mono 6.8.0.105
 * (Debian 12) snippets/Program.cs#nullField"`). The committed captures (captured/<case>.txt) are what Mono printed
 * for each case; the examples must be what the C# parser reads from them (csharpRules.test.ts), and a fresh run must
 * read the same (csharpRulesDrift.test.ts), so a message that changes with a Mono upgrade is caught.
 * UnauthorizedAccessException has no case: these captures run as root, which may read and write anything.
 *
 *   node --import tsx plugins/csharp/rules/collectExamples.ts           # run every case, report drift, exit 1 if any
 *   node --import tsx plugins/csharp/rules/collectExamples.ts --write   # rewrite captured/ from Mono
 */
const SOURCE_PATTERN = /snippets\/Program\.cs#(?<name>\w+)$/;

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

export function readRawRuleFile(path = CSHARP_RULES_PATH): RawRuleFile {
  return JSON.parse(readFileSync(path, 'utf8')) as RawRuleFile;
}

/** Compares every example with the outcome of the case it names. */
export function checkExamples(file: RawRuleFile, outcomes: ReadonlyMap<string, CsharpSnippetOutcome>): ExampleCheck[] {
  return file.rules.flatMap((rule) =>
    [...rule.examples.positive, ...rule.examples.negative].map((example) => {
      const caseName = caseOf(example.source);
      const outcome = caseName === null ? undefined : outcomes.get(caseName);
      let problem: string | null = null;
      if (caseName === null) problem = `source ${JSON.stringify(example.source)} names no case`;
      else if (outcome === undefined) problem = `case ${caseName} has no capture`;
      else if (outcome.errorType !== example.errorType || outcome.message !== example.message) {
        problem = `example ${example.errorType}: ${JSON.stringify(example.message)} but Mono reports ${outcome.errorType}: ${JSON.stringify(outcome.message)}`;
      }
      return { ruleId: rule.id, caseName, problem };
    }),
  );
}

/** What the committed captures say, case by case. */
export function capturedOutcomes(): Map<string, CsharpSnippetOutcome> {
  return new Map([...readCaptures()].map(([name, output]) => [name, outcomeOf(name, output)]));
}

/** Compiles Program.cs and runs every case with `mono` (a few at a time); returns the raw outputs. */
export async function runAllCases(mono: string, mcs: string): Promise<Map<string, string>> {
  const compiled = await compileCases(mono, mcs);
  try {
    const names = await listCases(compiled);
    const limit = pLimit(Math.max(2, availableParallelism()));
    const outputs = await Promise.all(
      names.map((name) => limit(async () => [name, await runCase(compiled, name)] as const)),
    );
    return new Map(outputs);
  } finally {
    rmSync(dirname(compiled.exe), { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { ensureMono } = await import('../../../test/setup/ensureMono.ts');
  const { mono, mcs } = ensureMono();
  const outputs = await runAllCases(mono, mcs);
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
  console.log(`${checks.length} examples, ${failing.length} differ from this Mono`);
  if (failing.length > 0) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
