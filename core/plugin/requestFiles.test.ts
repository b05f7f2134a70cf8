import { describe, expect, it } from 'vitest';
import type { Frame } from '../schema/errorEvent.ts';
import type { RepoView } from './languagePlugin.ts';
import { frameFiles, layoutFiles } from './requestFiles.ts';

function repo(files: Record<string, string>): RepoView {
  return {
    files: async () => Object.keys(files).sort(),
    readFile: async (path) => files[path] ?? null,
  };
}

function frame(file: string, inApp: boolean): Frame {
  return { file, line: 3, column: null, function: 'f', module: null, inApp };
}

describe('frameFiles', () => {
  it('sends each in-app frame file once, with its text, and nothing the repository does not hold', async () => {
    const view = repo({ 'src/a.ts': 'a', 'src/b.ts': 'b', 'src/c.ts': 'c' });
    const files = await frameFiles(view, [
      frame('src/a.ts', true),
      frame('node:internal/x', false),
      frame('src/b.ts', true),
      frame('src/a.ts', true),
      frame('src/gone.ts', true),
    ]);
    expect(files).toEqual([
      { path: 'src/a.ts', text: 'a' },
      { path: 'src/b.ts', text: 'b' },
    ]);
  });
});

describe('layoutFiles', () => {
  it('lists every path and gives texts nearest the root first, within the per-file and total budgets', async () => {
    const view = repo({
      'package.json': '{"scripts":{"test":"vitest"}}', // 29 bytes
      'big.lock': 'x'.repeat(500),
      'src/app.ts': 'y'.repeat(40),
      'src/deep/util.ts': 'z'.repeat(40),
    });
    const files = await layoutFiles(view, { maxFileBytes: 100, maxTotalBytes: 80 });
    expect(files).toEqual([
      { path: 'big.lock', text: null }, // over the per-file limit
      { path: 'package.json', text: '{"scripts":{"test":"vitest"}}' },
      { path: 'src/app.ts', text: 'y'.repeat(40) },
      { path: 'src/deep/util.ts', text: null }, // 29 + 40 bytes spent: 40 more would pass 80
    ]);
  });
});
