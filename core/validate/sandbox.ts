import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import type { FileEdit } from '../patch/candidate.ts';

/** Copied trees never include these; installed dependencies are linked instead (read-only use by tests). */
const NOT_COPIED = new Set(['.git', '.homeostasis']);
const LINKED = new Set(['node_modules', '.venv', 'venv']);

export interface Sandbox {
  dir: string;
  dispose(): Promise<void>;
}

export class SandboxError extends Error {
  override name = 'SandboxError';
}

/**
 * A throw-away copy of the repository with the candidate's edits applied. The user's working tree is only read;
 * each candidate gets its own directory, so parallel validations cannot see each other's changes.
 */
export async function createSandbox(repoRoot: string, edits: readonly FileEdit[], label: string): Promise<Sandbox> {
  const base = await mkdtemp(join(tmpdir(), `homeostasis-${label.replace(/[^a-z0-9-]/gi, '')}-`));
  // Keep the repository's own folder name: some builds and tests read it.
  const dir = join(base, basename(repoRoot) || 'repo');
  const links: string[] = [];
  await cp(repoRoot, dir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => {
      const name = basename(source);
      if (source === repoRoot) return true;
      if (NOT_COPIED.has(name)) return false;
      if (LINKED.has(name)) {
        links.push(relative(repoRoot, source));
        return false;
      }
      return true;
    },
  });
  for (const link of links) await symlink(join(repoRoot, link), join(dir, link), 'dir');
  for (const edit of edits) {
    const target = join(dir, edit.path);
    if (relative(dir, target).startsWith('..'))
      throw new SandboxError(`edit path escapes the repository: ${edit.path}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, edit.after);
  }
  return { dir, dispose: () => rm(base, { recursive: true, force: true }) };
}
