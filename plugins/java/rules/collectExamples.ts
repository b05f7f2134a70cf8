import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { JAVA_RULES_PATH } from './javaRules.ts';
import { type ExampleOutcome, type ExampleRun, runExamplePrograms } from './runExamples.ts';

/**
 * Every example of java.rules.json names the case that produces it (`source: "java 17.0.15
 * snippets/RuleExamples.java#npeInvokeOnLocal"`). This module compiles and runs the example programs in a real JVM
 * and compares what the runtime reports with the examples, so a message that changes with a JDK upgrade is caught
 * (javaRules.test.ts), and rewrites the examples from the runtime on request:
 *
 *   node --import tsx plugins/java/rules/collectExamples.ts           # report drift, exit 1 if any
 *   node --import tsx plugins/java/rules/collectExamples.ts --write   # refresh errorType/message/source
 */
const SOURCE_PATTERN = /snippets\/(?<ref>\w+\.java#\w+)$/;

interface RawExample {
  errorType: string;
  message: string;
  source?: string;
}

/** Just the parts of the rule file this module reads and rewrites. */
export interface RawRuleFile {
  rules: { id: string; examples: { positive: RawExample[]; negative: RawExample[] } }[];
}

export interface ExampleCheck {
  ruleId: string;
  kind: 'positive' | 'negative';
  index: number;
  example: RawExample;
  /** `RuleExamples.java#name`, or null when the source names no case. */
  ref: string | null;
  outcome: ExampleOutcome | null;
  /** Why the example is not what the runtime reports; null when it is. */
  problem: string | null;
}

export function caseRefOf(source: string | undefined): string | null {
  return (source ? SOURCE_PATTERN.exec(source)?.groups?.['ref'] : undefined) ?? null;
}

export function readRawRuleFile(path = JAVA_RULES_PATH): RawRuleFile {
  return JSON.parse(readFileSync(path, 'utf8')) as RawRuleFile;
}

/** Compares every example with what its case made the JVM report. */
export function checkExamples(file: RawRuleFile, run: ExampleRun): ExampleCheck[] {
  return file.rules.flatMap((rule) =>
    (['positive', 'negative'] as const).flatMap((kind) =>
      rule.examples[kind].map((example, index): ExampleCheck => {
        const ref = caseRefOf(example.source);
        const outcome = ref === null ? null : (run.outcomes.get(ref) ?? null);
        const base = { ruleId: rule.id, kind, index, example, ref, outcome };
        if (ref === null) return { ...base, problem: `source ${JSON.stringify(example.source)} names no case` };
        if (outcome === null) return { ...base, problem: `no case ${ref} in the example programs` };
        return { ...base, problem: exampleProblem(example, outcome) };
      }),
    ),
  );
}

export function exampleProblem(example: RawExample, outcome: ExampleOutcome): string | null {
  if (example.errorType !== outcome.errorType) {
    return `error type ${JSON.stringify(example.errorType)} but the runtime reports ${JSON.stringify(outcome.errorType)}`;
  }
  if (example.message !== outcome.message) {
    return `message ${JSON.stringify(example.message)} but the runtime reports ${JSON.stringify(outcome.message)}`;
  }
  return null;
}

/** Cases of the example programs no example uses (each case exists to back an example). */
export function unusedCases(checks: readonly ExampleCheck[], run: ExampleRun): string[] {
  const used = new Set(checks.map((check) => check.ref));
  return [...run.outcomes.keys()].filter((ref) => !used.has(ref));
}

export function rewriteExamples(file: RawRuleFile, checks: readonly ExampleCheck[], javaVersion: string): void {
  for (const check of checks) {
    if (!check.ref || !check.outcome) continue;
    const example = file.rules.find((rule) => rule.id === check.ruleId)!.examples[check.kind][check.index]!;
    example.errorType = check.outcome.errorType;
    example.message = check.outcome.message;
    example.source = `java ${javaVersion} snippets/${check.ref}`;
  }
}

async function main(): Promise<void> {
  const file = readRawRuleFile();
  const run = await runExamplePrograms();
  const checks = checkExamples(file, run);
  const failing = checks.filter((check) => check.problem !== null);
  const unused = unusedCases(checks, run);
  for (const check of failing) console.log(`${check.ruleId} ${check.kind}[${check.index}]: ${check.problem}`);
  for (const ref of unused) console.log(`case ${ref} is not used by any example`);
  console.log(
    `${checks.length} examples from ${run.outcomes.size} cases, ${failing.length} differ from java ${run.javaVersion}`,
  );
  if (process.argv.includes('--write')) {
    rewriteExamples(file, checks, run.javaVersion);
    writeFileSync(JAVA_RULES_PATH, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`rewrote ${JAVA_RULES_PATH}`);
  } else if (failing.length > 0 || unused.length > 0) {
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
