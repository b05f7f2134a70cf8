import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pLimit from 'p-limit';
import { GO_RULES_PATH } from './goRules.ts';
import {
  buildSnippets,
  CAPTURED_DIR,
  type GoSnippetOutcome,
  listCases,
  outcomeOf,
  readCaptures,
  runCase,
} from './goSnippets.ts';

/**
 * Every example of go.rules.json names the case of snippets/main.go that produces it (`source: "go1.19.8
 * snippets/main.go#nilMapWrite"`). The committed captures (captured/<case>.txt) are what Go printed for each case;
 * the examples must be what the Go parser reads from them (goRules.test.ts), and a fresh run must read the same
 * (goRulesDrift.test.ts), so a message that changes with a Go upgrade is caught.
 *
 *   node --import tsx plugins/go/rules/collectExamples.ts           # run every case, report drift, exit 1 if any
 *   node --import tsx plugins/go/rules/collectExamples.ts --write   # rewrite captured/ and the examples from Go
 */
const SOURCE_PATTERN = /snippets\/main\.go#(?<name>\w+)$/;

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
  kind: 'positive' | 'negative';
  example: RawExample;
  caseName: string | null;
  /** Why the example is not what the capture says; null when it is. */
  problem: string | null;
}

export function caseOf(source: string | undefined): string | null {
  return (source ? SOURCE_PATTERN.exec(source)?.groups?.['name'] : undefined) ?? null;
}

export function readRawRuleFile(path = GO_RULES_PATH): RawRuleFile {
  return JSON.parse(readFileSync(path, 'utf8')) as RawRuleFile;
}

/** Compares every example with the outcome of the case it names. */
export function checkExamples(file: RawRuleFile, outcomes: ReadonlyMap<string, GoSnippetOutcome>): ExampleCheck[] {
  return file.rules.flatMap((rule) =>
    (['positive', 'negative'] as const).flatMap((kind) =>
      rule.examples[kind].map((example) => {
        const caseName = caseOf(example.source);
        const outcome = caseName === null ? undefined : outcomes.get(caseName);
        let problem: string | null = null;
        if (caseName === null) problem = `source ${JSON.stringify(example.source)} names no case`;
        else if (outcome === undefined) problem = `case ${caseName} has no capture`;
        else if (outcome.errorType !== example.errorType || outcome.message !== example.message) {
          problem = `example ${example.errorType}: ${JSON.stringify(example.message)} but Go reports ${outcome.errorType}: ${JSON.stringify(outcome.message)}`;
        }
        return { ruleId: rule.id, kind, example, caseName, problem };
      }),
    ),
  );
}

/** What the committed captures say, case by case. */
export function capturedOutcomes(): Map<string, GoSnippetOutcome> {
  return new Map([...readCaptures()].map(([name, output]) => [name, outcomeOf(name, output)]));
}

/** Builds the snippets with `go` and runs every case, a few at a time; returns the raw outputs. */
export async function runAllCases(go: string, env: NodeJS.ProcessEnv): Promise<Map<string, string>> {
  const binary = await buildSnippets(go, env);
  try {
    const names = await listCases(binary);
    // Cases mostly wait on process start-up and the runtime's detectors; the two concurrent-map cases use 4 cores.
    const limit = pLimit(Math.max(2, availableParallelism()));
    const outputs = await Promise.all(
      names.map((name) => limit(async () => [name, await runCase(binary, name)] as const)),
    );
    return new Map(outputs);
  } finally {
    rmSync(join(binary, '..', '..'), { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { ensureGo } = await import('../../../test/setup/ensureGo.ts');
  const { go, env, version } = ensureGo();
  const outputs = await runAllCases(go, env);
  const fresh = new Map([...outputs].map(([name, output]) => [name, outcomeOf(name, output)]));
  const file = readRawRuleFile();
  const tag = version.split(' ')[2] ?? 'go';
  if (process.argv.includes('--write')) {
    rmSync(CAPTURED_DIR, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(CAPTURED_DIR, { recursive: true });
    for (const [name, output] of outputs) writeFileSync(join(CAPTURED_DIR, `${name}.txt`), output);
    for (const rule of file.rules) {
      for (const example of [...rule.examples.positive, ...rule.examples.negative]) {
        const name = caseOf(example.source);
        const outcome = name === null ? undefined : fresh.get(name);
        if (name === null || outcome === undefined) continue;
        example.errorType = outcome.errorType;
        example.message = outcome.message;
        example.source = `${tag} snippets/main.go#${name}`;
      }
    }
    writeFileSync(GO_RULES_PATH, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`rewrote ${outputs.size} captures and ${GO_RULES_PATH}`);
    return;
  }
  const checks = checkExamples(file, fresh);
  const failing = checks.filter((check) => check.problem !== null);
  const used = new Set(checks.flatMap((check) => (check.caseName ? [check.caseName] : [])));
  const unused = [...fresh.keys()].filter((name) => !used.has(name));
  for (const check of failing) console.log(`${check.ruleId} ${check.kind}: ${check.problem}`);
  for (const name of unused) console.log(`case ${name} is not used by any example`);
  console.log(`${checks.length} examples from ${used.size} cases, ${failing.length} differ from ${version}`);
  if (failing.length > 0 || unused.length > 0) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
