import { isAbsolute, normalize, posix } from 'node:path';
import * as tar from 'tar';

export class SourceError extends Error {
  override name = 'SourceError';
}
export class UnsafeArchiveError extends SourceError {
  override name = 'UnsafeArchiveError';
}

/** Where an archive entry (or a link target) lands, relative to the extraction root; null when it leaves it. */
export function insideRoot(path: string, base = ''): string | null {
  if (path.includes('\0') || isAbsolute(path) || /^[a-zA-Z]:/.test(path)) return null;
  const joined = posix.normalize(posix.join(base, path.replace(/\\/g, '/')));
  if (joined === '..' || joined.startsWith('../') || normalize(joined).startsWith('..')) return null;
  return joined;
}

/**
 * Checks every entry of a gzipped tarball before anything is written: an entry that would land outside the target
 * (absolute, `..`), a link pointing out of it, or a device/fifo makes the whole archive refused. tar itself strips
 * such paths with a warning and goes on; a source archive that contains one was not made by `services upload`.
 */
export async function assertSafeArchive(file: string): Promise<number> {
  const problems: string[] = [];
  let entries = 0;
  await tar.t({
    file,
    onReadEntry: (entry) => {
      entries++;
      const path = entry.path;
      if (insideRoot(path) === null) problems.push(`${path}: escapes the directory`);
      const type = entry.type;
      if (type === 'SymbolicLink' || type === 'Link') {
        const base = type === 'SymbolicLink' ? posix.dirname(path.replace(/\\/g, '/')) : '';
        if (insideRoot(entry.linkpath ?? '', base) === null) problems.push(`${path}: links outside the directory`);
      } else if (
        !['File', 'OldFile', 'ContiguousFile', 'Directory', 'GNUDumpDir'].includes(type) &&
        !type.includes('Header')
      ) {
        problems.push(`${path}: unsupported entry type ${type}`);
      }
    },
  });
  if (problems.length > 0) {
    throw new UnsafeArchiveError(`refused source archive (${problems.length} bad entries), first: ${problems[0]}`);
  }
  return entries;
}

/** Unpacks a checked archive into `dir` (which must exist). */
export async function unpackArchive(file: string, dir: string): Promise<void> {
  await assertSafeArchive(file);
  await tar.x({ file, cwd: dir, strict: true, preservePaths: false });
}
