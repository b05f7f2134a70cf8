import { parsePatch } from 'diff';

/** The lines one file's diff adds and removes (without the +/- marker). */
export interface FileChange {
  /** Repository-relative path (the new name; the old one for a deleted file), without `a/`/`b/` prefixes. */
  path: string;
  added: string[];
  removed: string[];
}

/** Splits a unified diff (one or more files) into per-file added and removed lines; null if it is not a diff. */
export function changedLines(diff: string): FileChange[] | null {
  let patches: ReturnType<typeof parsePatch>;
  try {
    patches = parsePatch(diff);
  } catch {
    return null;
  }
  return patches.map((patch) => {
    const name = patch.newFileName && patch.newFileName !== '/dev/null' ? patch.newFileName : patch.oldFileName;
    const added: string[] = [];
    const removed: string[] = [];
    for (const hunk of patch.hunks) {
      for (const line of hunk.lines) {
        if (line.startsWith('+')) added.push(line.slice(1));
        else if (line.startsWith('-')) removed.push(line.slice(1));
      }
    }
    return { path: stripPrefix(name ?? ''), added, removed };
  });
}

function stripPrefix(name: string): string {
  return name.replace(/^[ab]\//, '');
}
