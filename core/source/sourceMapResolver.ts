import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

export interface OriginalPosition {
  /** Absolute path of the original source file. */
  source: string;
  line: number;
  /** 1-based, as stack traces count. */
  column: number;
  name: string | null;
}

/**
 * Reads the source map of a compiled file (`x.js.map` beside it, or the file's `sourceMappingURL`, inline or
 * external) and maps a 1-based position back to the original source. Maps are cached per file.
 */
export class SourceMapReader {
  private readonly cache = new Map<string, Promise<TraceMap | null>>();

  async originalPosition(compiledFile: string, line: number, column: number | null): Promise<OriginalPosition | null> {
    let map = this.cache.get(compiledFile);
    if (!map) {
      map = loadMap(compiledFile);
      this.cache.set(compiledFile, map);
    }
    const traceMap = await map;
    if (!traceMap) return null;
    // Stack traces are 1-based in both; source maps use 0-based columns.
    const pos = originalPositionFor(traceMap, { line, column: Math.max(0, (column ?? 1) - 1) });
    if (pos.source === null || pos.line === null) return null;
    return {
      source: resolve(dirname(compiledFile), pos.source),
      line: pos.line,
      column: (pos.column ?? 0) + 1,
      name: pos.name,
    };
  }
}

async function loadMap(compiledFile: string): Promise<TraceMap | null> {
  const text = await readText(compiledFile);
  const url = text === null ? null : sourceMappingUrl(text);
  let raw: string | null = null;
  let mapPath = `${compiledFile}.map`;
  if (url?.startsWith('data:')) {
    const comma = url.indexOf(',');
    const payload = url.slice(comma + 1);
    raw = url.slice(0, comma).endsWith(';base64') ? Buffer.from(payload, 'base64').toString('utf8') : payload;
  } else {
    if (url) mapPath = join(dirname(compiledFile), url);
    raw = await readText(mapPath);
  }
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as { sourceRoot?: string; sources: (string | null)[] };
    // Resolve sources relative to the map file ourselves so that `pos.source` is relative to the compiled file's dir.
    const mapDir = dirname(mapPath);
    const fileDir = dirname(compiledFile);
    parsed.sources = parsed.sources.map((s) =>
      s === null ? null : relative(fileDir, resolve(mapDir, parsed.sourceRoot ?? '', s)),
    );
    parsed.sourceRoot = '';
    return new TraceMap(parsed as ConstructorParameters<typeof TraceMap>[0]);
  } catch {
    return null;
  }
}

function sourceMappingUrl(text: string): string | null {
  const tail = text.slice(-4096);
  const match = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(tail);
  return match?.[1] ?? null;
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
