import { describe, expect, it } from 'vitest';
import type { RepoView } from '../../core/plugin/languagePlugin.ts';
import { ALL_PLUGINS } from '../index.ts';
import { phpPlugin } from './index.ts';

function repo(files: Record<string, string>): RepoView {
  return { files: async () => Object.keys(files), readFile: async (path) => files[path] ?? null };
}

describe('phpPlugin', () => {
  it('is registered and picks `composer test` or PHPUnit', async () => {
    expect(ALL_PLUGINS).toContain(phpPlugin);
    const composer = repo({ 'composer.json': '{"scripts":{"test":"phpunit"}}', 'src/a.php': '<?php' });
    expect(await phpPlugin.detectTestCommand(composer)).toEqual({
      command: 'composer test',
      source: 'composer.json scripts.test',
    });
    const phpunit = repo({ 'composer.json': '{"require":{}}', 'phpunit.xml.dist': '', 'src/a.php': '<?php' });
    expect((await phpPlugin.detectTestCommand(phpunit))?.command).toBe('vendor/bin/phpunit');
    expect(await phpPlugin.detectTestCommand(repo({ 'composer.json': 'not json', 'src/a.php': '' }))).toBeNull();
    expect(await phpPlugin.staticCheckCommand(composer)).toContain('php -l');
    expect(await phpPlugin.staticCheckCommand(repo({ 'README.md': '' }))).toBeNull();
  });

  it('validateSyntax reports tree-sitter errors with their lines, and nothing for valid PHP', () => {
    const valid =
      '<?php\nfinal class Cart {\n  public function total(array $items): int {\n    return array_sum($items);\n  }\n}\n';
    expect(phpPlugin.validateSyntax('src/Cart.php', valid)).toEqual([]);
    const problems = phpPlugin.validateSyntax('src/Cart.php', '<?php\nfunction total( {\n  return 1\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ path: 'src/Cart.php' });
  });
});
