import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Candidate } from '../patch/candidate.ts';
import type { SyntaxDiagnostic } from '../plugin/languagePlugin.ts';
import { runCommand, tail } from './processRunner.ts';
import { createSandbox } from './sandbox.ts';

/** The validation ladder of ADR-008, as far as a repository lets us climb it: syntax, static, tests, reproduction. */
export const LADDER_STEPS = ['syntax', 'typecheck', 'test', 'reproduce'] as const;
export type StepName = (typeof LADDER_STEPS)[number];

export interface StepResult {
  step: StepName;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  command: string | null;
  exitCode: number | null;
  timedOut: boolean;
  outputTail: string;
  /** Why the step failed or was skipped, in one sentence. */
  detail: string;
}

export interface CandidateResult {
  candidateId: string;
  strategy: string;
  passed: boolean;
  failedStep: StepName | null;
  durationMs: number;
  steps: StepResult[];
}

export interface ReproductionVerdict {
  stillFails: boolean;
  detail: string;
}

export interface LadderConfig {
  syntaxCheck(path: string, text: string): SyntaxDiagnostic[];
  typecheckCommand: string | null;
  testCommand: string | null;
  reproduceCommand: string | null;
  /** Reads the reproduction's output and says whether the healed fingerprint is still raised. */
  judgeReproduction(output: string): ReproductionVerdict;
  /** Per step. */
  timeoutMs: number;
}

export async function runLadder(
  repoRoot: string,
  candidate: Candidate,
  config: LadderConfig,
): Promise<CandidateResult> {
  const started = performance.now();
  const steps: StepResult[] = [];
  const finish = (failedStep: StepName | null): CandidateResult => ({
    candidateId: candidate.id,
    strategy: candidate.strategy,
    passed: failedStep === null,
    failedStep,
    durationMs: Math.round(performance.now() - started),
    steps,
  });

  const syntax = checkSyntax(candidate, config);
  steps.push(syntax);
  if (syntax.status === 'failed') return finish('syntax');

  const sandbox = await createSandbox(repoRoot, candidate.edits, candidate.id);
  try {
    const tmp = join(dirname(sandbox.dir), 'tmp');
    await mkdir(tmp, { recursive: true });
    // Own environment per candidate: its own temp dir, no inherited state from another run.
    const env = { ...process.env, TMPDIR: tmp, HOMEOSTASIS_SANDBOX: '1', CI: 'true', NODE_OPTIONS: '' };
    const commands: [StepName, string | null][] = [
      ['typecheck', config.typecheckCommand],
      ['test', config.testCommand],
      ['reproduce', config.reproduceCommand],
    ];
    for (const [step, command] of commands) {
      if (command === null) {
        steps.push(skipped(step, `no ${step} command for this repository`));
        continue;
      }
      const run = await runCommand(command, { cwd: sandbox.dir, timeoutMs: config.timeoutMs, env });
      let failed = run.timedOut || (step !== 'reproduce' && run.exitCode !== 0);
      let detail = run.timedOut
        ? `timed out after ${config.timeoutMs} ms`
        : failed
          ? `exited with code ${run.exitCode}`
          : 'ok';
      if (step === 'reproduce' && !run.timedOut) {
        const verdict = config.judgeReproduction(run.output);
        failed = verdict.stillFails;
        detail = verdict.detail;
      }
      steps.push({
        step,
        status: failed ? 'failed' : 'passed',
        durationMs: run.durationMs,
        command,
        exitCode: run.exitCode,
        timedOut: run.timedOut,
        outputTail: tail(run.output),
        detail,
      });
      if (failed) return finish(step);
    }
    return finish(null);
  } finally {
    await sandbox.dispose();
  }
}

function checkSyntax(candidate: Candidate, config: LadderConfig): StepResult {
  const started = performance.now();
  const problems = candidate.edits.flatMap((e) => config.syntaxCheck(e.path, e.after));
  return {
    step: 'syntax',
    status: problems.length === 0 ? 'passed' : 'failed',
    durationMs: Math.round(performance.now() - started),
    command: null,
    exitCode: null,
    timedOut: false,
    outputTail: problems.map((p) => `${p.path}:${p.line}: ${p.message}`).join('\n'),
    detail: problems.length === 0 ? 'ok' : `${problems.length} syntax error(s)`,
  };
}

function skipped(step: StepName, detail: string): StepResult {
  return {
    step,
    status: 'skipped',
    durationMs: 0,
    command: null,
    exitCode: null,
    timedOut: false,
    outputTail: '',
    detail,
  };
}
