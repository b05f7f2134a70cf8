import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixContext, FixProposal } from '../../../../core/patch/candidate.ts';
import type { Analysis } from '../../../../core/rules/analysis.ts';
import { RuleIndex } from '../../../../core/rules/ruleIndex.ts';
import { pythonParser } from '../../parser.ts';
import { pythonRules } from '../../rules/pythonRules.ts';

const index = new RuleIndex([pythonRules]);
/** Repository path of the module under test, as the frame resolver would map `<tmp>/app/shop/module.py`. */
export const MODULE_PATH = 'shop/module.py';

export interface RealCrash {
  /** What python3 printed on stderr. */
  traceback: string;
  errorType: string;
  message: string;
  analysis: Analysis;
  ctx: FixContext;
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `source` as `<tmp>/app/shop/module.py` with a fresh python3; nothing else in the directory. */
export function runPython(source: string): ScriptRun {
  const dir = join(mkdtempSync(join(tmpdir(), 'hs-py-')), 'app', 'shop');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'module.py'), source);
  const run = spawnSync('python3', ['module.py'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Runs the snippet, reads the traceback it really printed with the Python parser, classifies it with the Python
 * rules, and builds the FixContext the heal loop would: the innermost frame in module.py is the target.
 */
export function realCrash(source: string, overrides: { captures?: Record<string, string> } = {}): RealCrash {
  const run = runPython(source);
  const parsed = pythonParser.parse(run.stderr);
  if (!parsed) throw new Error(`the snippet printed no traceback (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  const frame = parsed.frames.find((f) => f.file.endsWith('/shop/module.py'));
  if (!frame?.line) throw new Error(`no frame in module.py:\n${run.stderr}`);
  const analysis = index.analyze('python', parsed.errorType, parsed.message);
  const ctx: FixContext = {
    category: analysis.category,
    errorType: parsed.errorType,
    captures: overrides.captures ?? analysis.captures,
    target: { path: MODULE_PATH, line: frame.line, column: frame.column, function: frame.function },
    source,
    callers: [],
    readFile: async () => null,
  };
  return { traceback: run.stderr, errorType: parsed.errorType, message: parsed.message, analysis, ctx };
}

/** The text a proposal writes to module.py. */
export function patched(proposal: FixProposal | undefined): string {
  const edit = proposal?.edits[0];
  if (!edit || edit.path !== MODULE_PATH) throw new Error('the proposal does not edit module.py');
  return edit.after;
}
