import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffLines } from 'diff';
import type { FixContext, FixProposal } from '../../../../core/patch/candidate.ts';
import { RuleIndex } from '../../../../core/rules/ruleIndex.ts';
import { ensureGo } from '../../../../test/setup/ensureGo.ts';
import { goParser } from '../../parser.ts';
import { goRules } from '../../rules/goRules.ts';

/** A Go program run for real and what its panic says, as a fixer sees it. */
export interface GoCrash {
  errorType: string;
  message: string;
  output: string;
  ctx: FixContext;
}

const index = new RuleIndex([goRules]);
/** `go run` compiles and links each time (about half a second); a snippet that runs longer is stuck. */
const RUN_TIMEOUT_MS = 60_000;

/** Scratch module directories, removed by `remove()`. */
export class GoSnippetDir {
  private readonly root = mkdtempSync(join(tmpdir(), 'hs-go-fix-'));
  private count = 0;

  /** Writes `main.go` (and go.mod) into a new module directory `srv/app<n>` and returns it. */
  module(source: string): string {
    const dir = join(this.root, `app${++this.count}`, 'srv', 'shipping');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'go.mod'), 'module example.com/shipping\n\ngo 1.19\n');
    writeFileSync(join(dir, 'main.go'), source);
    return dir;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * Racy snippets are caught by the runtime only when two goroutines are inside a map write at once. Go cannot preempt
 * its own map code, so with as many Ps as busy cores (one, when CI keeps both busy) the race is never seen; four
 * OS threads are interrupted by the kernel at any instruction, so it is, on any machine — as on a production host.
 */
export const RACE_THREADS = '4';

/** `go run .` in `dir`; stdout and stderr together, as a log would hold them. */
export function goRun(dir: string): { status: number | null; output: string } {
  const { go, env } = ensureGo();
  const run = spawnSync('/bin/sh', ['-c', 'exec "$0" run . 2>&1', go], {
    cwd: dir,
    env: { ...env, GOMAXPROCS: RACE_THREADS },
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
  });
  return { status: run.status, output: run.stdout };
}

/** Runs `source` as `main.go`, which must panic; parses the panic and builds the fixer's context from it. */
export function crashGo(dir: GoSnippetDir, source: string): GoCrash {
  const module = dir.module(source);
  const { output } = goRun(module);
  const header = output.search(/^(panic|fatal error): /m);
  const parsed = header === -1 ? null : goParser.parse(output.slice(header));
  if (parsed === null) throw new Error(`the snippet did not panic:\n${output}`);
  const frame = parsed.frames.find((f) => f.inApp && f.file.endsWith('/main.go'));
  if (!frame || frame.line === null) throw new Error(`no main.go frame in:\n${output}`);
  const analysis = index.analyze('go', parsed.errorType, parsed.message);
  const callers = parsed.frames
    .filter((f) => f !== frame && f.inApp && f.file.endsWith('/main.go') && f.line !== null)
    .map((f) => ({ path: 'main.go', line: f.line ?? 1, column: null, function: f.function }));
  return {
    errorType: parsed.errorType,
    message: parsed.message,
    output,
    ctx: {
      category: analysis.category,
      errorType: parsed.errorType,
      captures: analysis.captures,
      target: { path: 'main.go', line: frame.line, column: null, function: frame.function },
      source,
      callers,
      readFile: async () => null,
    },
  };
}

/** Runs the patched program: the panic must be gone. */
export function rerunPatched(dir: GoSnippetDir, proposal: FixProposal): { status: number | null; output: string } {
  const after = proposal.edits[0]?.after;
  if (after === undefined) throw new Error('the proposal edits nothing');
  return goRun(dir.module(after));
}

/** The lines a proposal adds and removes, `+`/`-` prefixed, in file order, for readable expectations. */
export function changedLines(proposal: FixProposal): string[] {
  const edit = proposal.edits[0]!;
  return diffLines(edit.before, edit.after).flatMap((part) => {
    if (!part.added && !part.removed) return [];
    const lines = part.value.replace(/\n$/, '').split('\n');
    return lines.map((line) => `${part.added ? '+' : '-'}${line}`);
  });
}
