import { execFile } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../../core/schema/taxonomy.ts';

/** Errors of building or running the benchmark's programs. */
export class AccuracyBenchError extends Error {
  override name = 'AccuracyBenchError';
}

export const PROGRAMS_DIR = fileURLToPath(new URL('./programs/', import.meta.url));

/** Unrelated lines put at each `@shift` marker of the shifted copy: every frame below moves down by this many. */
export const SHIFT_LINES = 7;

const PADDING: Record<string, (n: number) => string> = {
  '.mjs': (n) => `const shiftPad${n} = ${n};`,
  '.py': (n) => `_shift_pad_${n} = ${n}`,
  '.java': (n) => `  private static final int SHIFT_PAD_${n} = ${n};`,
  '.go': (n) => `var shiftPad${n} = ${n}`,
};

/**
 * Copies a language's programs to `<root>/<lang>`. With `shift`, unrelated lines are inserted at every `@shift`
 * marker so line numbers move while files and functions stay: a new release of the same code.
 */
export function copyProgram(language: Language, root: string, shift: boolean): string {
  const target = join(root, language);
  cpSync(join(PROGRAMS_DIR, language), target, { recursive: true });
  if (shift) shiftTree(target);
  return target;
}

/** Padding names are numbered across the whole tree: Go declares package-level names once per package. */
function shiftTree(dir: string, counter = { next: 0 }): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      shiftTree(path, counter);
      continue;
    }
    const pad = Object.entries(PADDING).find(([ext]) => name.endsWith(ext))?.[1];
    if (!pad) continue;
    const lines = readFileSync(path, 'utf8').split('\n');
    const out = lines.flatMap((line) =>
      /^\s*(\/\/|#) @shift$/.test(line)
        ? [line, ...Array.from({ length: SHIFT_LINES }, () => pad(counter.next++))]
        : [line],
    );
    writeFileSync(path, out.join('\n'));
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs a program to the end (a crash is an expected outcome), without a shell: inputs are passed as arguments. */
export function runProgram(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new AccuracyBenchError(`${command} ${args.join(' ')} could not run: ${error.message}`));
          return;
        }
        resolve({ stdout, stderr, code: error ? (error.code as number) : 0 });
      },
    );
  });
}

/** Cuts a logged run's stdout at its `@@case <n>` lines: piece n is what case n printed. */
export function splitCases(stdout: string, expected: number): string[] {
  const pieces: string[][] = [];
  let current: string[] | null = null;
  for (const line of stdout.split('\n')) {
    const marker = /^@@case (\d+)$/.exec(line);
    if (marker) {
      current = [];
      pieces[Number(marker[1])] = current;
      continue;
    }
    current?.push(line);
  }
  if (pieces.length !== expected || pieces.some((p) => p === undefined))
    throw new AccuracyBenchError(`expected output of ${expected} cases, found ${pieces.length}`);
  return pieces.map((p) => p.join('\n'));
}
