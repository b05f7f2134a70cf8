import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RepoView } from '../../core/plugin/languagePlugin.ts';
import { ALL_PLUGINS } from '../index.ts';
import { goPlugin } from './index.ts';
import { goParser } from './parser.ts';

function repo(files: Record<string, string>): RepoView {
  return { files: async () => Object.keys(files), readFile: async (path) => files[path] ?? null };
}

describe('goPlugin', () => {
  it('is registered and runs `go test ./...` / `go vet ./...` in a module', async () => {
    expect(ALL_PLUGINS).toContain(goPlugin);
    const module = repo({ 'go.mod': 'module x\n', 'main.go': 'package main\n' });
    expect(await goPlugin.detectTestCommand(module)).toEqual({
      command: 'go test ./...',
      source: 'go.mod at the repository root',
    });
    expect(await goPlugin.staticCheckCommand(module)).toBe('go vet ./...');
    expect(await goPlugin.detectTestCommand(repo({ 'main.go': 'package main\n' }))).toBeNull();
    expect(await goPlugin.staticCheckCommand(repo({ 'main.go': 'package main\n' }))).toBeNull();
  });

  it('validateSyntax reports tree-sitter ERROR and MISSING nodes with their lines, and nothing for valid Go', () => {
    const valid = readFileSync(new URL('../../examples/go-shipping/carriers.go', import.meta.url), 'utf8');
    expect(goPlugin.validateSyntax('carriers.go', valid)).toEqual([]);
    const broken = 'package main\n\nfunc f() int {\n\tif x == nil {\n\t\treturn 0\n\t\n\treturn 1\n}\n';
    const problems = goPlugin.validateSyntax('f.go', broken);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ path: 'f.go' });
    expect(goPlugin.validateSyntax('g.go', 'package main\nfunc g( {\n')).not.toEqual([]);
  });

  it('parser: a failed type assertion is a runtime.Error (Go panics with *runtime.TypeAssertionError)', () => {
    const output = readFileSync(new URL('./rules/captured/interfaceConversion.txt', import.meta.url), 'utf8');
    expect(goParser.parse(output)).toMatchObject({
      errorType: 'runtime.Error',
      message: 'interface conversion: interface {} is string, not int',
    });
  });
});
