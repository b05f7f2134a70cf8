import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';

/**
 * Keeping rule examples true to the runtime. Every example of a rule file names the snippet case that produces it
 * (`source: "php 8.2.36 snippets/cases.php#nullMethod"`); the committed captures (`captured/<case>.txt`) are what
 * the runtime printed for each case. A language's rules test checks the examples against the captures, its drift test
 * re-runs the cases and checks them against a fresh run, so a message that changes with a runtime upgrade is caught.
 */
export interface SnippetOutcome {
  errorType: string;
  message: string;
}

export interface ExampleCheck {
  ruleId: string;
  caseName: string | null;
  /** Why the example is not what the capture says; null when it is. */
  problem: string | null;
}

interface RawExample {
  errorType: string;
  message: string;
  source?: string;
}

export interface RawRuleFile {
  rules: { id: string; examples: { positive: RawExample[]; negative: RawExample[] } }[];
}

export interface CapturedRuntime<O extends SnippetOutcome> {
  /** As the reports name it: `PHP`, `Ruby`, `Mono`. */
  runtimeName: string;
  rulesPath: string;
  /** Reads the case name from an example's `source`, in a group named `name`. */
  sourcePattern: RegExp;
  capturedDir: string;
  readCaptures(): Map<string, string>;
  outcomeOf(name: string, output: string): O;
}

export function exampleDrift<O extends SnippetOutcome>(runtime: CapturedRuntime<O>) {
  const caseOf = (source: string | undefined): string | null =>
    (source ? runtime.sourcePattern.exec(source)?.groups?.['name'] : undefined) ?? null;

  const readRawRuleFile = (path = runtime.rulesPath): RawRuleFile =>
    JSON.parse(readFileSync(path, 'utf8')) as RawRuleFile;

  /** Compares every example with the outcome of the case it names. */
  const checkExamples = (file: RawRuleFile, outcomes: ReadonlyMap<string, O>): ExampleCheck[] =>
    file.rules.flatMap((rule) =>
      [...rule.examples.positive, ...rule.examples.negative].map((example) => {
        const caseName = caseOf(example.source);
        const outcome = caseName === null ? undefined : outcomes.get(caseName);
        let problem: string | null = null;
        if (caseName === null) problem = `source ${JSON.stringify(example.source)} names no case`;
        else if (outcome === undefined) problem = `case ${caseName} has no capture`;
        else if (outcome.errorType !== example.errorType || outcome.message !== example.message) {
          problem = `example ${example.errorType}: ${JSON.stringify(example.message)} but ${runtime.runtimeName} reports ${outcome.errorType}: ${JSON.stringify(outcome.message)}`;
        }
        return { ruleId: rule.id, caseName, problem };
      }),
    );

  /** What the committed captures say, case by case. */
  const capturedOutcomes = (): Map<string, O> =>
    new Map([...runtime.readCaptures()].map(([name, output]) => [name, runtime.outcomeOf(name, output)]));

  /** Runs the cases a few at a time; returns the raw outputs. */
  const runCases = async (names: readonly string[], run: (name: string) => Promise<string>) => {
    const limit = pLimit(Math.max(2, availableParallelism()));
    return new Map(await Promise.all(names.map((name) => limit(async () => [name, await run(name)] as const))));
  };

  /** The command line: report drift of a fresh run (exit code 1 if any), or with `--write` rewrite the captures. */
  const reportOrWrite = (outputs: ReadonlyMap<string, string>, argv: readonly string[]): void => {
    if (argv.includes('--write')) {
      rmSync(runtime.capturedDir, { recursive: true, force: true });
      mkdirSync(runtime.capturedDir, { recursive: true });
      for (const [name, output] of outputs) writeFileSync(join(runtime.capturedDir, `${name}.txt`), output);
      console.log(`rewrote ${outputs.size} captures`);
      return;
    }
    const fresh = new Map([...outputs].map(([name, output]) => [name, runtime.outcomeOf(name, output)]));
    const checks = checkExamples(readRawRuleFile(), fresh);
    const failing = checks.filter((check) => check.problem !== null);
    for (const check of failing) console.log(`${check.ruleId}: ${check.problem}`);
    for (const [name, outcome] of fresh)
      console.log(`${name}\t${outcome.errorType}\t${JSON.stringify(outcome.message)}`);
    console.log(`${checks.length} examples, ${failing.length} differ from this ${runtime.runtimeName}`);
    if (failing.length > 0) process.exitCode = 1;
  };

  return { caseOf, readRawRuleFile, checkExamples, capturedOutcomes, runCases, reportOrWrite };
}
