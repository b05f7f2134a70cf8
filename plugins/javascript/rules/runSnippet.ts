import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';

/** What one snippet made the runtime report. */
export interface SnippetOutcome {
  /** Error type as Node prints an uncaught error (`TypeError [ERR_INVALID_ARG_TYPE]`, `DOMException [AbortError]`). */
  printedType: string;
  /** Constructor name, which is what pino/bunyan put in `err.type` (`TypeError`, `DOMException`); null if fatal. */
  constructorType: string | null;
  message: string;
}

/** A snippet: an export of one of the files in ./snippets, named `file.cjs#export`. */
export interface SnippetRef {
  file: string;
  name: string;
}

/** Options a snippet function carries as properties. */
interface SnippetFunction {
  (): unknown;
  /** Extra node flags, e.g. a small heap. */
  nodeArgs?: string[];
  /** V8 aborts instead of throwing: read `FATAL ERROR: ...` from stderr. */
  fatal?: boolean;
  /** `ulimit -n` for the process. */
  maxOpenFiles?: number;
  /** Changes the process for good (drops root): needs a process of its own. */
  isolated?: boolean;
}

export class SnippetRunError extends Error {
  override name = 'SnippetRunError';
}

const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
const MARK = '@@homeostasis-example@@';
/** A batch that has not finished after this long is broken; the slowest snippet takes about 1 s. */
const BATCH_TIMEOUT_MS = 60_000;

/**
 * Runs in the child: calls each named snippet in turn and prints what it threw (message, constructor, and Node's
 * rendering of the error, whose header is what an uncaught error prints). A snippet that returns is given 100 ms
 * for an unhandled rejection to surface, since Node reports those after the microtask queue drains; one that
 * neither throws nor returns within 10 s is reported as hung.
 */
const HARNESS = `
const { inspect } = require('node:util');
const [file, ...names] = process.argv.slice(1);
const snippets = require(file);
let settle = null;
process.on('uncaughtException', (error) => settle?.(error));
const print = (result) => process.stdout.write('\\n${MARK}' + JSON.stringify(result) + '\\n');
(async () => {
  for (const name of names) {
    const error = await new Promise((resolve) => {
      settle = resolve;
      setTimeout(() => resolve({ hung: true }), 10000).unref();
      Promise.resolve().then(() => snippets[name]()).then(() => setTimeout(() => resolve(null), 100), resolve);
    });
    settle = null;
    if (error === null || error?.hung === true) print({ name, threw: false });
    else print({ name, inspected: inspect(error), constructorType: error?.constructor?.name ?? null,
      message: typeof error?.message === 'string' ? error.message : String(error) });
  }
  process.exit(0);
})();
`;

export function snippetPath(file: string): string {
  return `${SNIPPETS_DIR}${file}`;
}

function snippetFunction(ref: SnippetRef): SnippetFunction {
  const module = createRequire(import.meta.url)(snippetPath(ref.file)) as Record<string, unknown>;
  const fn = module[ref.name];
  if (typeof fn !== 'function') throw new SnippetRunError(`${ref.file}#${ref.name} is not a snippet`);
  return fn as SnippetFunction;
}

export function snippetKey(ref: SnippetRef): string {
  return `${ref.file}#${ref.name}`;
}

/**
 * Runs snippets in fresh `node` processes (cwd `/`, no inherited NODE_OPTIONS): the plain snippets of a file share
 * one process, one after the other; a snippet with its own flags, limits or side effects gets its own. Returns each
 * snippet's outcome, or the error that kept it from having one, by `file#name`.
 */
export async function runSnippets(refs: readonly SnippetRef[]): Promise<Map<string, SnippetOutcome | SnippetRunError>> {
  const batches = new Map<string, SnippetRef[]>();
  for (const ref of refs) {
    const fn = snippetFunction(ref);
    const alone = fn.isolated || fn.fatal || fn.nodeArgs || fn.maxOpenFiles !== undefined;
    const batchKey = alone ? snippetKey(ref) : ref.file;
    batches.set(batchKey, [...(batches.get(batchKey) ?? []), ref]);
  }
  // Snippets mostly wait on process start-up and I/O, so a few more than the core count keeps the CPU busy.
  const limit = pLimit(availableParallelism() + 2);
  const results = new Map<string, SnippetOutcome | SnippetRunError>();
  await Promise.all(
    [...batches.values()].map((batch) =>
      limit(async () => {
        for (const [key, outcome] of await runBatch(batch)) results.set(key, outcome);
      }),
    ),
  );
  return results;
}

async function runBatch(batch: readonly SnippetRef[]): Promise<Map<string, SnippetOutcome | SnippetRunError>> {
  const first = batch[0]!;
  const fn = snippetFunction(first);
  const nodeArgs = [...(fn.nodeArgs ?? []), '-e', HARNESS, snippetPath(first.file), ...batch.map((ref) => ref.name)];
  const [command, args] =
    fn.maxOpenFiles === undefined
      ? [process.execPath, nodeArgs]
      : ['/bin/sh', ['-c', `ulimit -n ${fn.maxOpenFiles} && exec "$0" "$@"`, process.execPath, ...nodeArgs]];
  const { stdout, stderr } = await run(command, args);
  const results = new Map<string, SnippetOutcome | SnippetRunError>();
  if (fn.fatal) {
    const fatal = /^FATAL ERROR: (.+)$/m.exec(stderr)?.[1];
    results.set(
      snippetKey(first),
      fatal
        ? { printedType: 'FATAL ERROR', constructorType: null, message: fatal }
        : new SnippetRunError(`${snippetKey(first)} did not end in a V8 fatal error:\n${stderr.slice(0, 2_000)}`),
    );
    return results;
  }
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(MARK)) continue;
    const result = JSON.parse(line.slice(MARK.length)) as
      | { name: string; threw: false }
      | { name: string; inspected: string; message: string; constructorType: string | null };
    const key = snippetKey({ file: first.file, name: result.name });
    if (!('inspected' in result)) {
      results.set(key, new SnippetRunError(`${key} did not throw`));
      continue;
    }
    results.set(key, {
      printedType: printedTypeOf(result.inspected, result.message) ?? result.constructorType ?? 'Error',
      constructorType: result.constructorType,
      message: result.message,
    });
  }
  for (const ref of batch) {
    if (!results.has(snippetKey(ref))) {
      results.set(
        snippetKey(ref),
        new SnippetRunError(`${snippetKey(ref)} printed no result:\n${stderr.slice(0, 2_000)}`),
      );
    }
  }
  return results;
}

/**
 * The type in the header Node prints for an error: the text before `: <first line of the message>` on the line
 * that carries it (syntax errors print the source location and a caret before it).
 */
function printedTypeOf(inspected: string, message: string): string | null {
  const firstLine = message.split('\n')[0] ?? '';
  // Node marks an error that refers to itself (e.g. through `error.error`) with "<ref *1> ".
  for (const line of inspected.replace(/^<ref \*\d+> /, '').split('\n')) {
    if (firstLine === '' ? /^\S+$/.test(line) : line.endsWith(`: ${firstLine}`)) {
      return firstLine === '' ? line : line.slice(0, line.length - firstLine.length - 2);
    }
  }
  return null;
}

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: '/', env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), BATCH_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stdout, stderr });
    });
  });
}
