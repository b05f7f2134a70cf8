import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import pLimit from 'p-limit';
import { PYTHON_RULES_PATH } from './pythonRules.ts';
import { runSnippetFile, SNIPPETS_DIR, type SnippetOutcome, type SnippetRef, snippetPath } from './runSnippet.ts';

/**
 * Every example of python.rules.json names the snippet that produces it (`source: "python 3.11.7
 * snippets/keys.py#dict_missing_string_key"`). This module runs those snippets in real `python3` processes and
 * compares what the interpreter reports with the examples, so a message that changes with a Python upgrade is caught
 * (the test in pythonRules.test.ts), and rewrites the examples from the runtime on request:
 *
 *   node --import tsx plugins/python/rules/collectExamples.ts           # report drift, exit 1 if any
 *   node --import tsx plugins/python/rules/collectExamples.ts --write   # refresh errorType/message/source
 */
const SOURCE_PATTERN = /snippets\/(?<file>[\w-]+\.py)#(?<name>\w+)$/;
/** Snippets are the module's argument-less public functions; helpers start with `_`. */
const SNIPPET_DEF = /^def ([a-z]\w*)\(\):/gm;

interface RawExample {
  errorType: string;
  message: string;
  source?: string;
}

/** Just the parts of a rule file this module reads and rewrites. */
interface RawRuleFile {
  rules: { id: string; examples: { positive: RawExample[]; negative: RawExample[] } }[];
}

export interface ExampleCheck {
  ruleId: string;
  kind: 'positive' | 'negative';
  index: number;
  example: RawExample;
  ref: SnippetRef | null;
  outcome: SnippetOutcome | null;
  /** Why the example is not what the runtime reports; null when it is. */
  problem: string | null;
}

export function snippetRefOf(source: string | undefined): SnippetRef | null {
  const groups = source ? SOURCE_PATTERN.exec(source)?.groups : undefined;
  return groups?.['file'] && groups['name'] ? { file: groups['file'], name: groups['name'] } : null;
}

/** Every snippet in ./snippets, as `file#name`. */
export function listSnippets(): SnippetRef[] {
  return readdirSync(SNIPPETS_DIR)
    .filter((file) => file.endsWith('.py'))
    .sort()
    .flatMap((file) =>
      [...readFileSync(snippetPath(file), 'utf8').matchAll(SNIPPET_DEF)].map((m) => ({ file, name: m[1]! })),
    );
}

export function readRawRuleFile(path = PYTHON_RULES_PATH): RawRuleFile {
  return JSON.parse(readFileSync(path, 'utf8')) as RawRuleFile;
}

/** Runs every snippet the examples name (each once, several at a time) and compares. */
export async function checkExamples(file: RawRuleFile): Promise<ExampleCheck[]> {
  const entries = file.rules.flatMap((rule) =>
    (['positive', 'negative'] as const).flatMap((kind) =>
      rule.examples[kind].map((example, index) => ({
        ruleId: rule.id,
        kind,
        index,
        example,
        ref: snippetRefOf(example.source),
      })),
    ),
  );
  // One interpreter per snippet module (it forks per snippet); modules run a few at a time.
  const byFile = new Map<string, Set<string>>();
  for (const { ref } of entries) if (ref) byFile.set(ref.file, (byFile.get(ref.file) ?? new Set()).add(ref.name));
  const limit = pLimit(availableParallelism() + 2);
  const settled = new Map<string, SnippetOutcome | Error>();
  await Promise.all(
    [...byFile].map(([file, names]) =>
      limit(async () => {
        try {
          for (const [name, outcome] of await runSnippetFile(file, [...names]))
            settled.set(key({ file, name }), outcome);
        } catch (error) {
          for (const name of names)
            settled.set(key({ file, name }), error instanceof Error ? error : new Error(String(error)));
        }
      }),
    ),
  );
  return entries.map((entry) => {
    if (!entry.ref)
      return { ...entry, outcome: null, problem: `source ${JSON.stringify(entry.example.source)} names no snippet` };
    const outcome = settled.get(key(entry.ref))!;
    if (outcome instanceof Error) return { ...entry, outcome: null, problem: outcome.message };
    return { ...entry, outcome, problem: exampleProblem(entry.example, outcome) };
  });
}

/** An example is real when its type and message are what the traceback's last line prints. */
export function exampleProblem(example: RawExample, outcome: SnippetOutcome): string | null {
  if (example.errorType !== outcome.printedType) {
    return `error type ${JSON.stringify(example.errorType)} but the runtime reports ${JSON.stringify(outcome.printedType)}`;
  }
  if (example.message !== outcome.message) {
    return `message ${JSON.stringify(example.message)} but the runtime reports ${JSON.stringify(outcome.message)}`;
  }
  return null;
}

/** Sets each example to what its snippet reported. */
export function rewriteExamples(file: RawRuleFile, checks: readonly ExampleCheck[]): void {
  for (const check of checks) {
    if (!check.ref || !check.outcome) continue;
    const example = file.rules.find((rule) => rule.id === check.ruleId)!.examples[check.kind][check.index]!;
    example.errorType = check.outcome.printedType;
    example.message = check.outcome.message;
    example.source = `${check.outcome.runtime} snippets/${check.ref.file}#${check.ref.name}`;
  }
}

function key(ref: SnippetRef): string {
  return `${ref.file}#${ref.name}`;
}

async function main(): Promise<void> {
  const file = readRawRuleFile();
  const checks = await checkExamples(file);
  const failing = checks.filter((check) => check.problem !== null);
  const used = new Set(checks.flatMap((check) => (check.ref ? [key(check.ref)] : [])));
  const unused = listSnippets().filter((ref) => !used.has(key(ref)));
  for (const check of failing) console.log(`${check.ruleId} ${check.kind}[${check.index}]: ${check.problem}`);
  for (const ref of unused) console.log(`snippet ${key(ref)} is not used by any example`);
  console.log(`${checks.length} examples from ${used.size} snippets, ${failing.length} differ from the runtime`);
  if (process.argv.includes('--write')) {
    rewriteExamples(file, checks);
    writeFileSync(PYTHON_RULES_PATH, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`rewrote ${PYTHON_RULES_PATH}`);
  } else if (failing.length > 0 || unused.length > 0) {
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
