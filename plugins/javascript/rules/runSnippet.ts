import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

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
}

export class SnippetRunError extends Error {
  override name = 'SnippetRunError';
}

const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
const MARK = '@@homeostasis-example@@';
/** A snippet that neither throws nor exits within this time is broken; the slowest real one takes about 1 s. */
const SNIPPET_TIMEOUT_MS = 30_000;

/**
 * Runs in the child: calls the snippet and prints what it threw (message, constructor, and Node's own rendering
 * of the error, whose header is what an uncaught error prints). A snippet that returns is given 100 ms for an
 * unhandled rejection to surface, since Node reports those after the microtask queue drains.
 */
const HARNESS = `
const { inspect } = require('node:util');
const [file, name] = process.argv.slice(1);
let done = false;
const print = (result) => { done = true; process.stdout.write('\\n${MARK}' + JSON.stringify(result) + '\\n'); process.exit(0); };
const report = (error) => {
  if (done) return;
  print({ inspected: inspect(error), message: typeof error?.message === 'string' ? error.message : String(error),
    constructorType: error?.constructor?.name ?? null });
};
process.on('uncaughtException', report);
Promise.resolve().then(() => require(file)[name]()).then(
  () => setTimeout(() => { if (!done) print({ threw: false }); }, 100),
  report,
);
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

/** Runs one snippet in a fresh `node` (cwd `/`, no inherited NODE_OPTIONS) and returns what it reported. */
export async function runSnippet(ref: SnippetRef): Promise<SnippetOutcome> {
  const fn = snippetFunction(ref);
  const nodeArgs = [...(fn.nodeArgs ?? []), '-e', HARNESS, snippetPath(ref.file), ref.name];
  const [command, args] =
    fn.maxOpenFiles === undefined
      ? [process.execPath, nodeArgs]
      : ['/bin/sh', ['-c', `ulimit -n ${fn.maxOpenFiles} && exec "$0" "$@"`, process.execPath, ...nodeArgs]];
  const { stdout, stderr } = await run(command, args);
  const label = `${ref.file}#${ref.name}`;
  if (fn.fatal) {
    const fatal = /^FATAL ERROR: (.+)$/m.exec(stderr);
    if (!fatal?.[1]) throw new SnippetRunError(`${label} did not end in a V8 fatal error:\n${stderr.slice(0, 2_000)}`);
    return { printedType: 'FATAL ERROR', constructorType: null, message: fatal[1] };
  }
  const line = stdout.split('\n').find((text) => text.startsWith(MARK));
  if (!line) throw new SnippetRunError(`${label} printed no result:\n${stderr.slice(0, 2_000)}`);
  const result = JSON.parse(line.slice(MARK.length)) as
    | { threw: false }
    | { inspected: string; message: string; constructorType: string | null };
  if (!('inspected' in result)) throw new SnippetRunError(`${label} did not throw`);
  return {
    printedType: printedTypeOf(result.inspected, result.message) ?? result.constructorType ?? 'Error',
    constructorType: result.constructorType,
    message: result.message,
  };
}

/**
 * The type in the header Node prints for an error: the text before `: <first line of the message>` on the line
 * that carries it (syntax errors print the source location and a caret before it).
 */
function printedTypeOf(inspected: string, message: string): string | null {
  const firstLine = message.split('\n')[0] ?? '';
  // Node marks an error that refers to itself (e.g. through \`error.error\`) with "<ref *1> ".
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
    const timer = setTimeout(() => child.kill('SIGKILL'), SNIPPET_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stdout, stderr });
    });
  });
}
