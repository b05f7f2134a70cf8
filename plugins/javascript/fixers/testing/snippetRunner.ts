import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import type { FixContext, FixTarget } from '../../../../core/patch/candidate.ts';
import type { Frame } from '../../../../core/schema/errorEvent.ts';
import type { Category } from '../../../../core/schema/taxonomy.ts';
import { javascriptParser } from '../../parser.ts';

/** What node printed when it ran a snippet. */
export interface SnippetRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

// A snippet is a few lines; 10 s is far above what node needs to start and run one (~50 ms).
const RUN_TIMEOUT_MS = 10_000;

/**
 * A temporary directory of snippets. TypeScript snippets are transpiled with `ts.transpileModule` and an inline source
 * map and run with `node --enable-source-maps`, so V8 prints `.ts` lines and columns as the healer sees them after
 * source-map resolution; JavaScript snippets run as they are.
 */
export class SnippetDir {
  readonly root = mkdtempSync(join(tmpdir(), 'homeostasis-fixers-'));

  pathOf(fileName: string): string {
    return join(this.root, fileName);
  }

  run(fileName: string, code: string): SnippetRun {
    const path = this.pathOf(fileName);
    writeFileSync(path, code);
    let entry = path;
    if (/\.tsx?$/.test(fileName)) {
      const output = ts.transpileModule(code, {
        fileName: path,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          inlineSourceMap: true,
          inlineSources: true,
        },
      });
      entry = `${path}.mjs`;
      writeFileSync(entry, output.outputText);
    }
    const result = spawnSync(process.execPath, ['--enable-source-maps', entry], {
      encoding: 'utf8',
      timeout: RUN_TIMEOUT_MS,
      cwd: this.root,
    });
    return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** What node printed for an error, read with the plugin's own V8 parser (as the healer reads a log). */
export interface PrintedError {
  errorType: string;
  message: string;
  /** In-app frames, innermost first. */
  frames: Frame[];
}

export function readPrintedError(output: string): PrintedError | null {
  const parsed = javascriptParser.parse(output);
  if (parsed === null) return null;
  return { errorType: parsed.errorType, message: parsed.message, frames: parsed.frames.filter((frame) => frame.inApp) };
}

/** The error header node printed (`TypeError: ...`), as type and message. */
export function errorHeaderOf(output: string): { errorType: string; message: string } | null {
  const printed = readPrintedError(output);
  return printed === null ? null : { errorType: printed.errorType, message: printed.message };
}

export interface ContextOptions {
  path: string;
  source: string;
  category: Category;
  errorType: string;
  captures?: Record<string, string>;
  /** Frames in the snippet, innermost first. */
  frames: Frame[];
  /** Replaces the printed function names (to show log text never reaches the patch). */
  functionName?: string;
}

/** A fix context as the healer builds it: the innermost printed frame is the target, the others its callers. */
export function contextFrom(options: ContextOptions): FixContext {
  const [first, ...rest] = options.frames.map(
    (frame): FixTarget => ({
      path: options.path,
      line: frame.line ?? 1,
      column: frame.column,
      function: options.functionName ?? frame.function,
    }),
  );
  if (first === undefined) throw new Error('the run printed no frame in the snippet');
  return {
    category: options.category,
    errorType: options.errorType,
    captures: options.captures ?? {},
    target: first,
    source: options.source,
    callers: rest,
    readFile: async () => null,
  };
}
