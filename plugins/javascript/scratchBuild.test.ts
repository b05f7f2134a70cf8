import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../core/schema/errorEvent.ts';
import { FrameResolver } from '../../core/source/frameResolver.ts';
import { listFiles } from '../../core/source/localRepo.ts';
import { TypeScriptScratchBuilder } from './scratchBuild.ts';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** A TypeScript project whose compiled output is not in the repository, as in most real repositories. */
function makeRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'hs-repo-'));
  mkdirSync(join(repo, 'src'));
  writeFileSync(
    join(repo, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'commonjs', rootDir: 'src', outDir: 'dist', strict: true },
    }),
  );
  writeFileSync(
    join(repo, 'src/discounts.ts'),
    [
      'const CODES: Record<string, { percent: number }> = { WELCOME: { percent: 10 } };',
      '',
      'export function applyDiscount(price: number, code: string): number {',
      '  // a comment that shifts lines between the .ts and the .js',
      '  const rule = CODES[code];',
      '  return price * (1 - rule.percent / 100);',
      '}',
    ].join('\n'),
  );
  writeFileSync(
    join(repo, 'src/main.ts'),
    "import { applyDiscount } from './discounts';\nconsole.log(applyDiscount(10, 'NOPE'));\n",
  );
  return repo;
}

/** Builds and runs the service where it is deployed (`.../srv/app`), as production would, and parses its frames. */
function crashInProduction(repo: string): Frame[] {
  const deployed = join(mkdtempSync(join(tmpdir(), 'hs-deploy-')), 'srv', 'app');
  cpSync(repo, deployed, { recursive: true });
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: deployed });
  const run = spawnSync(process.execPath, ['dist/main.js'], { cwd: deployed, encoding: 'utf8' });
  expect(run.stderr).toContain("Cannot read properties of undefined (reading 'percent')");
  const frames: Frame[] = [];
  for (const m of run.stderr.matchAll(/^\s+at (?:(\S+) \()?(\/[^():]+):(\d+):(\d+)\)?$/gm)) {
    frames.push({
      file: m[2] ?? '',
      line: Number(m[3]),
      column: Number(m[4]),
      function: m[1] ?? null,
      module: null,
      inApp: true,
    });
  }
  return frames;
}

describe('source frames for compiled TypeScript that is not in the repository', () => {
  it('builds the project in a scratch directory and maps dist frames back to .ts lines', async () => {
    const repo = makeRepo();
    const frames = crashInProduction(repo);
    expect(frames[0]?.file).toMatch(/\/srv\/app\/dist\/discounts\.js$/);
    const resolver = new FrameResolver({
      repoRoot: repo,
      repoFiles: await listFiles(repo),
      builder: new TypeScriptScratchBuilder(),
    });
    const [top, caller] = await resolver.resolve(frames);
    expect(top).toMatchObject({ file: 'src/discounts.ts', line: 6, inApp: true });
    expect(caller).toMatchObject({ file: 'src/main.ts', line: 2 });
    expect(await listFiles(repo)).not.toContain('dist/discounts.js'); // the repository was only read
  });

  it('marks frames it cannot place in the repository as not in-app', async () => {
    const repo = makeRepo();
    const resolver = new FrameResolver({ repoRoot: repo, repoFiles: await listFiles(repo) });
    const [frame] = await resolver.resolve([
      { file: '/var/task/dist/elsewhere.js', line: 3, column: 1, function: 'f', module: null, inApp: true },
    ]);
    expect(frame?.inApp).toBe(false);
  });
});
