import { join } from 'node:path';
import type { Language } from '../../core/schema/taxonomy.ts';
import { ensureGo } from '../../test/setup/ensureGo.ts';
import type { LogFormat } from './corpus.ts';
import { AccuracyBenchError, copyProgram, type RunResult, runProgram, splitCases } from './programRunner.ts';

/** One case of a logged run: which bug, with which input, under which request id. */
export interface LoggedCase {
  bug: string;
  input: string;
  requestId: string;
}

/** A language's programs copied (and compiled) under one root, ready to run. */
export interface PreparedProgram {
  /** Runs the cases in one process, each caught and logged; null for a language without a catch (Go). */
  logged: ((cases: readonly LoggedCase[]) => Promise<string[]>) | null;
  /** Runs one bug uncaught: the runtime's own report on stderr. */
  uncaught(bug: string, input: string): Promise<string>;
  /** INFO/WARN lines that mention errors, and no error. */
  clean(): Promise<string>;
}

export interface LanguageDriver {
  language: Language;
  loggedFormat: LogFormat | null;
  version(): Promise<string>;
  prepare(root: string, shift: boolean): Promise<PreparedProgram>;
}

function ok(run: RunResult, what: string): RunResult {
  if (run.code !== 0) throw new AccuracyBenchError(`${what} exited ${run.code}: ${run.stderr.slice(0, 2000)}`);
  return run;
}

function crashed(run: RunResult, what: string): string {
  if (run.code === 0) throw new AccuracyBenchError(`${what} was expected to crash and exited 0`);
  return run.stdout + run.stderr;
}

const javascript: LanguageDriver = {
  language: 'javascript',
  loggedFormat: 'pino-json',
  version: async () => process.version,
  async prepare(root, shift) {
    const cwd = copyProgram('javascript', root, shift);
    const node = (args: string[]) => runProgram(process.execPath, ['app.mjs', ...args], { cwd });
    return {
      logged: async (cases) =>
        splitCases(ok(await node(['logged', JSON.stringify(cases)]), 'node').stdout, cases.length),
      uncaught: async (bug, input) =>
        crashed(await node(['uncaught', JSON.stringify([{ bug, input, requestId: '' }])]), `node ${bug}`),
      clean: async () => ok(await node(['clean']), 'node clean').stdout,
    };
  },
};

const PYTHON_ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' };

const python: LanguageDriver = {
  language: 'python',
  loggedFormat: 'python-logging',
  version: async () => (await runProgram('python3', ['--version'], { cwd: '/' })).stdout.trim(),
  async prepare(root, shift) {
    const cwd = copyProgram('python', root, shift);
    const py = (args: string[]) => runProgram('python3', ['app.py', ...args], { cwd, env: PYTHON_ENV });
    return {
      logged: async (cases) =>
        splitCases(ok(await py(['logged', JSON.stringify(cases)]), 'python').stdout, cases.length),
      uncaught: async (bug, input) =>
        crashed(await py(['uncaught', JSON.stringify([{ bug, input, requestId: '' }])]), `python ${bug}`),
      clean: async () => ok(await py(['clean']), 'python clean').stdout,
    };
  },
};

const java: LanguageDriver = {
  language: 'java',
  loggedFormat: 'logback',
  version: async () => (await runProgram('java', ['-version'], { cwd: '/' })).stderr.split('\n')[0] ?? '',
  async prepare(root, shift) {
    const cwd = copyProgram('java', root, shift);
    const sources = ['App', 'Pricing', 'Users', 'Inventory'].map((c) => `com/example/shop/${c}.java`);
    ok(await runProgram('javac', ['-g', '-d', 'classes', ...sources], { cwd }), 'javac');
    const jvm = (args: string[]) => runProgram('java', ['-cp', 'classes', 'com.example.shop.App', ...args], { cwd });
    return {
      logged: async (cases) => {
        const args = cases.flatMap((c) => [c.bug, c.input, c.requestId]);
        return splitCases(ok(await jvm(['logged', ...args]), 'java').stdout, cases.length);
      },
      uncaught: async (bug, input) => crashed(await jvm(['uncaught', bug, input]), `java ${bug}`),
      clean: async () => ok(await jvm(['clean']), 'java clean').stdout,
    };
  },
};

const go: LanguageDriver = {
  language: 'go',
  loggedFormat: null,
  version: async () => ensureGo().version,
  async prepare(root, shift) {
    const toolchain = ensureGo();
    const cwd = copyProgram('go', root, shift);
    ok(await runProgram(toolchain.go, ['build', '-o', 'shop', '.'], { cwd, env: toolchain.env }), 'go build');
    const shop = (args: string[]) => runProgram(join(cwd, 'shop'), args, { cwd });
    return {
      logged: null,
      uncaught: async (bug, input) => crashed(await shop(['run', bug, input]), `go ${bug}`),
      // The standard `log` package writes to stderr.
      clean: async () => ok(await shop(['clean']), 'go clean').stderr,
    };
  },
};

export const LANGUAGE_DRIVERS: readonly LanguageDriver[] = [javascript, python, java, go];
