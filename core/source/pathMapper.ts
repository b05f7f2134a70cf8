/**
 * Maps paths as the runtime printed them (`/var/task/dist/x.js`, `/srv/orders/src/x.py`) to repository paths.
 * Explicit mappings win; otherwise the repository file sharing the longest path suffix (in whole segments) is
 * chosen, so a production log needs no configuration.
 */
export interface PathMapping {
  /** Runtime prefix, e.g. `/var/task/`. */
  from: string;
  /** Repository prefix it stands for, e.g. `` (the root) or `services/orders/`. */
  to: string;
}

export class PathMapper {
  private readonly byBasename = new Map<string, string[]>();
  private readonly files: ReadonlySet<string>;

  constructor(
    repoFiles: readonly string[],
    private readonly mappings: readonly PathMapping[] = [],
  ) {
    this.files = new Set(repoFiles);
    for (const file of repoFiles) {
      if (file.includes('node_modules/')) continue; // dependencies are never where a fix goes
      const base = basename(file);
      const list = this.byBasename.get(base);
      if (list) list.push(file);
      else this.byBasename.set(base, [file]);
    }
  }

  /** Repository-relative path for a runtime path, or `null` when no repository file plausibly is it. */
  map(runtimePath: string): string | null {
    const path = toPosix(runtimePath);
    for (const { from, to } of this.mappings) {
      if (path.startsWith(from)) {
        const candidate = normalizeJoin(to, path.slice(from.length));
        if (this.files.has(candidate)) return candidate;
      }
    }
    const candidates = this.byBasename.get(basename(path));
    if (!candidates) return null;
    const runtimeSegments = path.split('/').filter(Boolean);
    let best: string | null = null;
    let bestScore = 0;
    for (const file of candidates) {
      const score = commonSuffixSegments(runtimeSegments, file.split('/'));
      // Equal scores keep the shorter (shallower) path: `src/x.ts` over `test/fixtures/src/x.ts`.
      if (score > bestScore || (score === bestScore && best !== null && file.length < best.length)) {
        best = file;
        bestScore = score;
      }
    }
    return best;
  }
}

function commonSuffixSegments(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

export function toPosix(path: string): string {
  let p = path.replace(/\\/g, '/');
  if (p.startsWith('file://')) p = decodeURIComponent(p.slice('file://'.length));
  return p;
}

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

function normalizeJoin(prefix: string, rest: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${rest.replace(/^\/+/, '')}`;
  return joined.replace(/^\/+/, '');
}
