import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A real V8 crash: the program, and what `node` printed when it ran it. */
export interface NodeCrash {
  /** Repository-relative path of the program. */
  file: string;
  source: string;
  /** The printed error block, from the `TypeError:` line on. */
  excerpt: string;
  /** The temp dir the program ran in (frames carry it), to map frames to repository paths. */
  dir: string;
}

export const CRASHING_PROGRAM = 'function greet(user) {\n  return user.name.toUpperCase();\n}\ngreet(undefined);\n';

/** Runs CRASHING_PROGRAM with this `node` and captures its stderr. */
export function runNodeCrash(): NodeCrash {
  const dir = mkdtempSync(path.join(tmpdir(), 'node-crash-'));
  try {
    writeFileSync(path.join(dir, 'app.js'), CRASHING_PROGRAM);
    const run = spawnSync(process.execPath, ['app.js'], { cwd: dir, encoding: 'utf8' });
    const start = run.stderr.indexOf('TypeError');
    if (run.status === 0 || start < 0) throw new Error(`the program did not crash: ${run.stderr}`);
    return { file: 'app.js', source: CRASHING_PROGRAM, excerpt: run.stderr.slice(start), dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
