import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runSnippets, type SnippetOutcome, type SnippetRef, snippetKey, snippetPath } from './runSnippet.ts';

/**
 * Every example of javascript.rules.json names the snippet that produces it (`source: "node v20.x
 * snippets/parsing.cjs#jsonPlainText"`). This module runs those snippets in real `node` processes and compares what
 * the runtime reports with the examples, so a message that changes with a Node upgrade is caught (the test in
 * examples.test.ts), and rewrites the examples from the runtime on request:
 *
 *   node --import tsx plugins/javascript/rules/collectExamples.ts           # report drift, exit 1 if any
 *   node --import tsx plugins/javascript/rules/collectExamples.ts --write   # refresh errorType/message/source
 */
/**
 * Not imported from javascriptRules.ts, which validates the file on import: `--write` must also work on a file
 * whose new examples are still placeholders.
 */
export const RULE_FILE_PATH = fileURLToPath(new URL('./javascript.rules.json', import.meta.url));

const SOURCE_PATTERN = /snippets\/(?<file>[\w-]+\.cjs)#(?<name>\w+)$/;
/** Helper modules in ./snippets that hold no snippets. */
const HELPER_FILES = new Set(['scratchDir.cjs']);

export interface RawExample {
  errorType: string;
  message: string;
  source?: string;
}

/** Just the parts of a rule file this module reads and rewrites (the file may hold placeholders). */
export interface RawRuleFile {
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
  const require = createRequire(import.meta.url);
  const dir = fileURLToPath(new URL('./snippets/', import.meta.url));
  return readdirSync(dir)
    .filter((file) => file.endsWith('.cjs') && !HELPER_FILES.has(file))
    .sort()
    .flatMap((file) => Object.keys(require(snippetPath(file)) as object).map((name) => ({ file, name })));
}

export function readRawRuleFile(path = RULE_FILE_PATH): RawRuleFile {
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
  const refs = new Map(entries.flatMap(({ ref }) => (ref ? [[snippetKey(ref), ref] as const] : [])));
  const outcomes = await runSnippets([...refs.values()]);
  return entries.map((entry) => {
    if (!entry.ref)
      return { ...entry, outcome: null, problem: `source ${JSON.stringify(entry.example.source)} names no snippet` };
    const outcome = outcomes.get(snippetKey(entry.ref))!;
    if (outcome instanceof Error) return { ...entry, outcome: null, problem: outcome.message };
    return { ...entry, outcome, problem: exampleProblem(entry.example, outcome) };
  });
}

/** An example is real when its message is the runtime's and its type is how Node prints it or the constructor. */
export function exampleProblem(example: RawExample, outcome: SnippetOutcome): string | null {
  const types = [...new Set([outcome.printedType, outcome.constructorType])].filter((type) => type !== null);
  if (!types.includes(example.errorType)) {
    return `error type ${JSON.stringify(example.errorType)} but the runtime reports ${types.map((t) => JSON.stringify(t)).join(' or ')}`;
  }
  if (example.message !== outcome.message) {
    return `message ${JSON.stringify(example.message)} but the runtime reports ${JSON.stringify(outcome.message)}`;
  }
  return null;
}

/** Sets each example to what its snippet reported, keeping a constructor-name type where one was chosen. */
export function rewriteExamples(file: RawRuleFile, checks: readonly ExampleCheck[]): void {
  for (const check of checks) {
    if (!check.ref || !check.outcome) continue;
    const example = file.rules.find((rule) => rule.id === check.ruleId)!.examples[check.kind][check.index]!;
    if (example.errorType !== check.outcome.constructorType) example.errorType = check.outcome.printedType;
    example.message = check.outcome.message;
    example.source = `node ${process.version} snippets/${check.ref.file}#${check.ref.name}`;
  }
}

async function main(): Promise<void> {
  const file = readRawRuleFile();
  const checks = await checkExamples(file);
  const failing = checks.filter((check) => check.problem !== null);
  const used = new Set(checks.flatMap((check) => (check.ref ? [snippetKey(check.ref)] : [])));
  const unused = listSnippets().filter((ref) => !used.has(snippetKey(ref)));
  for (const check of failing) console.log(`${check.ruleId} ${check.kind}[${check.index}]: ${check.problem}`);
  for (const ref of unused) console.log(`snippet ${snippetKey(ref)} is not used by any example`);
  console.log(
    `${checks.length} examples from ${used.size} snippets, ${failing.length} differ from node ${process.version}`,
  );
  if (process.argv.includes('--write')) {
    rewriteExamples(file, checks);
    writeFileSync(RULE_FILE_PATH, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`rewrote ${RULE_FILE_PATH}`);
  } else if (failing.length > 0 || unused.length > 0) {
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
