import { describe, expect, it } from 'vitest';
import type { RepoView } from '../../core/plugin/languagePlugin.ts';
import { ALL_PLUGINS } from '../index.ts';
import { csharpPlugin } from './index.ts';

function repo(files: Record<string, string>): RepoView {
  return { files: async () => Object.keys(files), readFile: async (path) => files[path] ?? null };
}

describe('csharpPlugin', () => {
  it('is registered and runs dotnet test / dotnet build only when a project or solution exists', async () => {
    expect(ALL_PLUGINS).toContain(csharpPlugin);
    const solution = repo({ 'Shop.sln': '', 'src/Shop/Shop.csproj': '', 'src/Shop/Order.cs': '' });
    expect(await csharpPlugin.detectTestCommand(solution)).toEqual({
      command: 'dotnet test',
      source: 'Shop.sln in the repository',
    });
    expect(await csharpPlugin.staticCheckCommand(solution)).toBe('dotnet build --nologo -v quiet');
    const project = repo({ 'src/Shop/Shop.csproj': '', 'src/Shop/Order.cs': '' });
    expect((await csharpPlugin.detectTestCommand(project))?.command).toBe('dotnet test');
    const loose = repo({ 'Order.cs': '', 'bin/Debug/Old.csproj': '' });
    expect(await csharpPlugin.detectTestCommand(loose)).toBeNull();
    expect(await csharpPlugin.staticCheckCommand(loose)).toBeNull();
    expect(csharpPlugin.fixers).toEqual([]);
    expect(csharpPlugin.sourceExtensions).toEqual(['.cs']);
  });

  it('validateSyntax reports tree-sitter errors with their lines, and nothing for valid C#', () => {
    const valid =
      'namespace Shop;\n\npublic class Order\n{\n    public decimal Total(List<decimal> prices) => prices.Sum();\n}\n';
    expect(csharpPlugin.validateSyntax('src/Order.cs', valid)).toEqual([]);
    const missingSemicolon = 'class Order\n{\n    void Total()\n    {\n        int x = 1\n    }\n}\n';
    expect(csharpPlugin.validateSyntax('src/Order.cs', missingSemicolon)).toEqual([
      { path: 'src/Order.cs', line: 5, message: 'missing ;' },
    ]);
    const broken =
      'public class Order\n{\n    public decimal Total(List<decimal> prices\n    {\n        return prices.Sum(;\n}\n';
    expect(csharpPlugin.validateSyntax('src/Order.cs', broken).length).toBeGreaterThan(0);
  });
});
