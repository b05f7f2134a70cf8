import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { RepoView } from '../plugin/languagePlugin.ts';

/** Folders never worth listing: VCS data, installed dependencies, our own state. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.homeostasis', '__pycache__', '.venv', 'target', '.gradle']);
/** A repository larger than this is listed partially; suffix matching then degrades, it does not hang. */
const MAX_FILES = 100_000;

/** A repository checked out on the local disk. Paths are repository-relative and POSIX. */
export class LocalRepo implements RepoView {
  private listing: Promise<string[]> | null = null;

  constructor(readonly root: string) {}

  files(): Promise<string[]> {
    this.listing ??= listFiles(this.root);
    return this.listing;
  }

  async readFile(path: string): Promise<string | null> {
    const full = this.resolveInside(path);
    if (!full) return null;
    try {
      return await readFile(full, 'utf8');
    } catch {
      return null;
    }
  }

  /** Absolute path for a repository path, or null when it would leave the repository (`..`, absolute). */
  resolveInside(path: string): string | null {
    const full = join(this.root, path);
    const rel = relative(this.root, full);
    if (rel.startsWith('..') || rel === '' || rel.split(sep).includes('..')) return null;
    return full;
  }
}

export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const stack: string[] = [''];
  while (stack.length > 0 && out.length < MAX_FILES) {
    const dir = stack.pop() as string;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(rel);
      } else if (entry.isFile()) {
        out.push(rel);
      }
    }
  }
  return out.sort();
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
