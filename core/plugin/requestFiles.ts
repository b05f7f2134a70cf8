import type { Frame } from '../schema/errorEvent.ts';
import type { RepoView } from './languagePlugin.ts';
import type { SourceFile } from './pluginService.ts';

/**
 * What a plugin request carries of a repository. A plugin host never reads a checkout (proto/homeostasis/v1/
 * plugin.proto), so the caller decides which texts travel; the in-process service gets the same files, so both
 * answer alike.
 */

/**
 * The files candidate generation reads: the fix target and its callers, i.e. the files of the in-app source frames
 * (core/heal/candidateGeneration.ts `fixesAtTarget`). Files the repository does not hold are left out.
 */
export async function frameFiles(repo: RepoView, sourceFrames: readonly Frame[]): Promise<SourceFile[]> {
  const paths = [...new Set(sourceFrames.filter((f) => f.inApp).map((f) => f.file))];
  const files: SourceFile[] = [];
  for (const path of paths) {
    const text = await repo.readFile(path);
    if (text !== null) files.push({ path, text });
  }
  return files;
}

export interface LayoutLimits {
  /** @default 64 KiB – manifests (package.json, pyproject.toml, composer.json, Makefile) are far smaller. */
  maxFileBytes?: number;
  /** @default 1 MiB – a quarter of gRPC's default 4 MiB receive limit, leaving room for the paths. */
  maxTotalBytes?: number;
}

/**
 * What test-command detection reads: every path (without text), and the texts of the small files nearest the root
 * first, where the manifests are, until the total budget is spent. The plugins' detectors read manifests at the
 * root and, for Python, test files (`import pytest`); a repository whose test files lie beyond the budget is judged
 * by its paths alone for them.
 */
export async function layoutFiles(repo: RepoView, limits: LayoutLimits = {}): Promise<SourceFile[]> {
  const maxFile = limits.maxFileBytes ?? 64 * 1024;
  let budget = limits.maxTotalBytes ?? 1024 * 1024;
  const paths = await repo.files();
  const byDepth = [...paths].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  const texts = new Map<string, string>();
  for (const path of byDepth) {
    if (budget <= 0) break;
    const text = await repo.readFile(path);
    if (text === null) continue;
    const bytes = Buffer.byteLength(text);
    if (bytes > maxFile || bytes > budget) continue;
    texts.set(path, text);
    budget -= bytes;
  }
  return paths.map((path) => ({ path, text: texts.get(path) ?? null }));
}

function depth(path: string): number {
  return path.split('/').length;
}
