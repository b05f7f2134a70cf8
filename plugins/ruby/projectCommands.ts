import type { RepoView, TestCommand } from '../../core/plugin/languagePlugin.ts';

const RUBY_SOURCE = /\.rb$/;
/** Bundled gems and the like are not the repository's code: they are not syntax-checked. */
const SKIPPED_DIRS = ['vendor/', 'node_modules/', '.bundle/'];

/**
 * RSpec when the repository has specs (`.rspec` or `spec/**_spec.rb`), else `rake test` when a Rakefile defines
 * the tasks, else Minitest/Test::Unit files under test/ loaded directly. `bundle exec` when a Gemfile pins the gems.
 */
export async function detectRubyTestCommand(repo: RepoView): Promise<TestCommand | null> {
  const files = await repo.files();
  const bundle = files.includes('Gemfile') ? 'bundle exec ' : '';
  if (files.includes('.rspec') || files.some((file) => file.startsWith('spec/') && file.endsWith('_spec.rb'))) {
    return { command: `${bundle}rspec`, source: files.includes('.rspec') ? '.rspec' : 'spec/*_spec.rb files' };
  }
  if (files.includes('Rakefile')) return { command: `${bundle}rake test`, source: 'Rakefile at the repository root' };
  if (files.some((file) => file.startsWith('test/') && file.endsWith('_test.rb'))) {
    return {
      command: `${bundle}ruby -Itest -e "Dir.glob('test/**/*_test.rb').sort.each { |f| require File.expand_path(f) }"`,
      source: 'test/*_test.rb files',
    };
  }
  return null;
}

/** `ruby -wc` parses each file with the real interpreter (syntax errors fail; warnings are printed, not failed). */
export async function rubySyntaxCheckCommand(repo: RepoView): Promise<string | null> {
  const files = await repo.files();
  const sources = files.filter((file) => RUBY_SOURCE.test(file) && !SKIPPED_DIRS.some((dir) => file.startsWith(dir)));
  if (sources.length === 0) return null;
  // One file per `ruby -c` (it checks only its first argument); xargs exits non-zero when any check fails.
  return "find . -name '*.rb' -not -path './vendor/*' -not -path './node_modules/*' -print0 | xargs -0 -n1 ruby -wc >/dev/null";
}
