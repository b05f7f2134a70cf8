import { describe, expect, it } from 'vitest';
import type { RepoView } from '../../core/plugin/languagePlugin.ts';
import { ALL_PLUGINS } from '../index.ts';
import { rubyPlugin } from './index.ts';

function repo(files: Record<string, string>): RepoView {
  return { files: async () => Object.keys(files), readFile: async (path) => files[path] ?? null };
}

describe('rubyPlugin', () => {
  it('is registered and picks rspec, rake or plain test files', async () => {
    expect(ALL_PLUGINS).toContain(rubyPlugin);
    const rspec = repo({ Gemfile: '', 'lib/a.rb': '', 'spec/a_spec.rb': '' });
    expect(await rubyPlugin.detectTestCommand(rspec)).toEqual({
      command: 'bundle exec rspec',
      source: 'spec/*_spec.rb files',
    });
    expect((await rubyPlugin.detectTestCommand(repo({ Rakefile: '', 'lib/a.rb': '' })))?.command).toBe('rake test');
    const plain = await rubyPlugin.detectTestCommand(repo({ 'lib/a.rb': '', 'test/a_test.rb': '' }));
    expect(plain?.command).toMatch(/^ruby -Itest -e /);
    expect(await rubyPlugin.detectTestCommand(repo({ 'lib/a.rb': '' }))).toBeNull();
    expect(await rubyPlugin.staticCheckCommand(rspec)).toContain('ruby -wc');
    expect(await rubyPlugin.staticCheckCommand(repo({ 'README.md': '' }))).toBeNull();
  });

  it('validateSyntax reports tree-sitter errors with their lines, and nothing for valid Ruby', () => {
    const valid = 'class Order\n  def total(items)\n    items.sum { |item| item[:price] }\n  end\nend\n';
    expect(rubyPlugin.validateSyntax('lib/order.rb', valid)).toEqual([]);
    const problems = rubyPlugin.validateSyntax(
      'lib/order.rb',
      'class Order\n  def total(items\n    items.sum {\n  end\n',
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ path: 'lib/order.rb' });
  });
});
