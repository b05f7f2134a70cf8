import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { ZipFile } from 'yazl';
import type { FileEdit } from '../../core/patch/candidate.ts';
import { insideRoot, SourceError } from './sourceArchive.ts';

/** The winner's edits do not apply to the checked-out source (it changed since validation, or a path is unsafe). */
export class BundlePatchError extends SourceError {
  override name = 'BundlePatchError';
}

/**
 * Every entry gets this time: the same source and patch then make the same bytes, hence the same CodeSha256, so a
 * second orchestrator publishing the same patch does not make Lambda see new code.
 */
const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

/** Directories never shipped: the checkout's version control. */
const SKIPPED_DIRS = new Set(['.git']);

/**
 * The patched deployment package: the checked-out service source zipped (yazl) with the winner's edits in place of
 * the files they change. The checkout itself is not written (ServiceSource shares it between calls). Each edit's
 * `before` must be the checkout's file exactly (a missing file reads as ''), else BundlePatchError: the source moved
 * on since the patch was validated, and shipping the patch over it would ship something nobody validated.
 */
export async function patchedLambdaBundle(checkoutDir: string, edits: readonly FileEdit[]): Promise<Uint8Array> {
  const replaced = new Map<string, string>();
  for (const edit of edits) {
    const path = insideRoot(edit.path);
    if (path === null || path === '.' || path.split('/').some((part) => SKIPPED_DIRS.has(part))) {
      throw new BundlePatchError(`the patch edits ${JSON.stringify(edit.path)}, outside the service's source`);
    }
    const current = await readFile(join(checkoutDir, path), 'utf8').catch(() => '');
    if (current !== edit.before) {
      throw new BundlePatchError(`${path} is not the file the patch was validated on; refusing to bundle it`);
    }
    replaced.set(path, edit.after);
  }
  const zip = new ZipFile();
  const options = { mtime: FIXED_MTIME };
  for (const entry of await listTree(checkoutDir)) {
    const after = replaced.get(entry.path);
    replaced.delete(entry.path);
    if (after !== undefined) zip.addBuffer(Buffer.from(after, 'utf8'), entry.path, { ...options, mode: entry.mode });
    else if (entry.link !== null) zip.addBuffer(Buffer.from(entry.link), entry.path, { ...options, mode: entry.mode });
    else zip.addFile(join(checkoutDir, entry.path), entry.path, { ...options, mode: entry.mode });
  }
  // Files the patch creates (`before` ''), in path order like the rest.
  for (const [path, after] of [...replaced].sort(([a], [b]) => a.localeCompare(b))) {
    zip.addBuffer(Buffer.from(after, 'utf8'), path, { ...options, mode: 0o100644 });
  }
  const bytes = buffer(zip.outputStream);
  zip.end();
  return new Uint8Array(await bytes);
}

interface TreeEntry {
  /** POSIX path relative to the root. */
  path: string;
  mode: number;
  /** A symbolic link's target (stored as the entry's content, as zip does); null for a regular file. */
  link: string | null;
}

/** Regular files and symbolic links under `root`, sorted by path (a stable zip); other entry types are left out. */
async function listTree(root: string, dir = ''): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  const names = (await readdir(join(root, dir))).sort();
  for (const name of names) {
    const path = dir === '' ? name : posix.join(dir, name);
    const stat = await lstat(join(root, path));
    if (stat.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) entries.push(...(await listTree(root, path)));
    } else if (stat.isSymbolicLink()) {
      entries.push({ path, mode: stat.mode, link: await readlink(join(root, path)) });
    } else if (stat.isFile()) {
      entries.push({ path, mode: stat.mode, link: null });
    }
  }
  return entries;
}
