import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface CheckoutOptions {
  /** Build output and caches the copy leaves out (a fresh clone would not have them). */
  exclude?: RegExp;
  /** Dependencies installed in the demo, linked into the copy as a user's checkout would have them installed. */
  linkNodeModules?: boolean;
  /** Folder name of the copy (default: the demo's); some runtimes print it in their frames. */
  name?: string;
}

/** A copy of a demo service as a user's checkout: its own git repository with one commit on `main`. */
export function demoCheckout(demo: string, options: CheckoutOptions = {}): string {
  const name = options.name ?? basename(demo);
  const dir = join(mkdtempSync(join(tmpdir(), `hs-e2e-${name}-`)), name);
  const exclude = options.exclude;
  cpSync(demo, dir, {
    recursive: true,
    filter: (src) => !(options.linkNodeModules && src.endsWith('/node_modules')) && !(exclude?.test(src) ?? false),
  });
  if (options.linkNodeModules) symlinkSync(join(demo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'initial');
  return dir;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
}

/** Everything `heal` without --apply/--branch must leave as it was: status (ignored files too), branches, the file. */
export function treeState(dir: string, file: string): string {
  return `${git(dir, 'status', '--porcelain', '--ignored')}\n${git(dir, 'branch', '--list')}\n${readFileSync(join(dir, file), 'utf8')}`;
}
