import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'homeostasis.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a user would, with its own state directory. */
export function homeostasis(
  args: string[],
  options: { cwd?: string; stateDir?: string; input?: string; env?: Record<string, string> } = {},
): CliRun {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'hs-state-'));
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, HOMEOSTASIS_STATE_DIR: stateDir, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    input: options.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
