import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixContext, FixProposal } from '../../../../core/patch/candidate.ts';
import type { Analysis } from '../../../../core/rules/analysis.ts';
import { RuleIndex } from '../../../../core/rules/ruleIndex.ts';
import { type ProcessRun, runJdkTool } from '../../javaProcess.ts';
import { javaParser } from '../../parser.ts';
import { javaRules } from '../../rules/javaRules.ts';

/** A snippet that crashed for real, and the fix context the heal loop would build from its trace. */
export interface JavaCrash {
  errorType: string;
  message: string;
  analysis: Analysis;
  ctx: FixContext;
  run: ProcessRun;
}

const index = new RuleIndex([javaRules]);
const dirs: string[] = [];

/**
 * Compiles `src/<className>.java` with `javac -g` (line and local variable tables, as Maven and Gradle build by
 * default, so helpful NullPointerException messages name locals) and runs it.
 */
export async function runSnippet(className: string, source: string): Promise<ProcessRun> {
  const dir = await mkdtemp(join(tmpdir(), 'hs-java-fix-'));
  dirs.push(dir);
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'src', `${className}.java`), source);
  const compiled = await runJdkTool('javac', ['-g', '-nowarn', '-d', 'classes', `src/${className}.java`], { cwd: dir });
  if (compiled.exitCode !== 0) return compiled;
  return runJdkTool('java', ['-cp', 'classes', className], { cwd: dir });
}

/**
 * Runs the snippet, expects an uncaught exception, parses what the JVM printed with the Java plugin's parser, runs
 * the real rule engine on it, and targets the innermost frame in the snippet's file (as the heal loop does).
 */
export async function crashJava(className: string, source: string): Promise<JavaCrash> {
  const run = await runSnippet(className, source);
  const uncaught = run.stderr.indexOf('Exception in thread "');
  const trace = uncaught === -1 ? null : javaParser.parse(run.stderr.slice(uncaught).trim());
  if (run.exitCode === 0 || trace === null) throw new Error(`${className} did not crash:\n${run.stdout}${run.stderr}`);
  const analysis = index.analyze('java', trace.errorType, trace.message);
  const own = trace.frames.filter((f) => f.inApp && f.file === `${className}.java` && f.line !== null);
  const [target, ...callers] = own.map((f) => ({
    path: `src/${className}.java`,
    line: f.line ?? 1,
    column: null,
    function: f.function,
  }));
  if (target === undefined) throw new Error(`no frame in ${className}.java:\n${run.stderr}`);
  const ctx: FixContext = {
    category: analysis.category,
    errorType: trace.errorType,
    captures: { ...analysis.captures },
    target,
    source,
    callers,
    readFile: async () => null,
  };
  return { errorType: trace.errorType, message: trace.message, analysis, ctx, run };
}

export function patchedText(proposal: FixProposal): string {
  if (proposal.edits.length !== 1) throw new Error(`expected one edit, got ${proposal.edits.length}`);
  return proposal.edits[0]!.after;
}

/** Runs the patched snippet (compiled again from source): it must exit 0 and not raise the original error. */
export async function rerunPatched(className: string, proposal: FixProposal, crashed: JavaCrash): Promise<ProcessRun> {
  const run = await runSnippet(className, patchedText(proposal));
  const header = `${crashed.errorType}: ${crashed.message}`;
  if (run.stderr.includes(header) || run.exitCode !== 0) {
    throw new Error(
      `patched ${className} still fails (exit ${run.exitCode}):\n${patchedText(proposal)}\n${run.stderr}`,
    );
  }
  return run;
}

/** Changed lines of a proposal, as `-old` / `+new`, for readable assertions on what a fixer wrote. */
export function changedLines(proposal: FixProposal): string[] {
  const edit = proposal.edits[0]!;
  const before = edit.before.split('\n');
  const after = edit.after.split('\n');
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  return [
    ...before.slice(head, before.length - tail).map((l) => `-${l}`),
    ...after.slice(head, after.length - tail).map((l) => `+${l}`),
  ];
}

/** Removes the temp dirs of this test file's snippets (afterAll). */
export async function cleanUpSnippets(): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
