import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What one snippet made CPython report, as its traceback's last line prints it. */
export interface SnippetOutcome {
  /** `KeyError`, `json.decoder.JSONDecodeError`: the type as a traceback (and `logging.exception`) prints it. */
  printedType: string;
  /** The rest of that line (and any further lines of a multi-line message). */
  message: string;
  /** `python 3.11.7`, for the examples' `source`. */
  runtime: string;
}

/** A snippet: a function of one of the modules in ./snippets, named `file.py#function`. */
export interface SnippetRef {
  file: string;
  name: string;
}

export class SnippetRunError extends Error {
  override name = 'SnippetRunError';
}

export const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));
const MARK = '@@homeostasis-example@@';
/** A snippet that neither raises nor returns within this time is broken; the slowest real one takes about 0.5 s. */
const SNIPPET_TIMEOUT_S = 20;

/**
 * Runs in the child, once per snippet module: imports it by path and runs each named function in a forked copy of
 * the interpreter (so a snippet that drops privileges, lowers a limit or recurses deeply cannot affect the next,
 * and start-up is paid once per module). Each prints the exception exactly as `traceback` renders its last line
 * (`format_exception_only`), which is what a traceback in a log ends with. A SyntaxError renders its location lines
 * first; only its `SyntaxError: ...` line is the exception line.
 */
const HARNESS = `
import importlib.util, json, os, platform, signal, sys, traceback
path, names = sys.argv[1], sys.argv[2:]
spec = importlib.util.spec_from_file_location("snippet", path)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)

def outcome(name):
    result = {"name": name, "runtime": "python " + platform.python_version()}
    try:
        getattr(module, name)()
        result["threw"] = False
    except BaseException as error:
        lines = traceback.format_exception_only(error)
        if isinstance(error, SyntaxError):
            lines = lines[-1:]
        text = "".join(lines).rstrip("\\n")
        head, sep, rest = text.partition(": ")
        if not sep:
            head, rest = text, ""
        result.update(threw=True, printedType=head, message=rest)
    return result

for name in names:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        signal.alarm(${SNIPPET_TIMEOUT_S})
        payload = json.dumps(outcome(name)).encode()
        os.write(write_end, payload)
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    body = b"".join(chunks).decode() or json.dumps({"name": name, "error": "the snippet process died"})
    sys.stdout.write("\\n${MARK}" + body + "\\n")
    sys.stdout.flush()
`;

export function snippetPath(file: string): string {
  return `${SNIPPETS_DIR}${file}`;
}

/**
 * Runs the named snippets of one module in a fresh `python3` (cwd `/`, no PYTHON* variables inherited) and returns
 * what each raised, or the reason it gave no example.
 */
export async function runSnippetFile(
  file: string,
  names: readonly string[],
): Promise<Map<string, SnippetOutcome | Error>> {
  if (!/^[\w-]+\.py$/.test(file) || !names.every((name) => /^\w+$/.test(name))) {
    throw new SnippetRunError(`bad snippet name in ${file}: ${names.join(', ')}`);
  }
  const { stdout, stderr } = await run('python3', ['-c', HARNESS, snippetPath(file), ...names]);
  const results = new Map<string, SnippetOutcome | Error>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(MARK)) continue;
    const result = JSON.parse(line.slice(MARK.length)) as {
      name: string;
      runtime?: string;
      threw?: boolean;
      printedType?: string;
      message?: string;
      error?: string;
    };
    const label = `${file}#${result.name}`;
    if (result.error !== undefined) results.set(result.name, new SnippetRunError(`${label}: ${result.error}`));
    else if (!result.threw || result.printedType === undefined)
      results.set(result.name, new SnippetRunError(`${label} did not raise`));
    else
      results.set(result.name, {
        printedType: result.printedType,
        message: result.message ?? '',
        runtime: result.runtime ?? 'python',
      });
  }
  for (const name of names) {
    if (!results.has(name))
      results.set(name, new SnippetRunError(`${file}#${name} printed no result:\n${stderr.slice(0, 2_000)}`));
  }
  return results;
}

/** Runs one snippet (see runSnippetFile). */
export async function runSnippet(ref: SnippetRef): Promise<SnippetOutcome> {
  const outcome = (await runSnippetFile(ref.file, [ref.name])).get(ref.name)!;
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

/** A whole module's snippets; far above the ~0.5 s each real one takes on a loaded 2-core machine. */
const PROCESS_TIMEOUT_MS = 120_000;

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PYTHON')) env[key] = value;
  env['PYTHONDONTWRITEBYTECODE'] = '1';
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
    const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stdout, stderr });
    });
  });
}
