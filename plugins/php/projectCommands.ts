import { z } from 'zod';
import type { RepoView, TestCommand } from '../../core/plugin/languagePlugin.ts';

/** The part of composer.json read here; anything else in it is ignored. */
const ComposerJsonSchema = z.object({ scripts: z.record(z.string(), z.unknown()).optional() }).passthrough();

const PHPUNIT_CONFIGS = ['phpunit.xml', 'phpunit.xml.dist', 'phpunit.dist.xml'];
const PHP_SOURCE = /\.php$/;

async function composerDeclaresTest(repo: RepoView): Promise<boolean> {
  const text = await repo.readFile('composer.json');
  if (text === null) return false;
  try {
    const parsed = ComposerJsonSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.scripts?.['test'] !== undefined;
  } catch {
    return false; // not JSON: composer would refuse it too
  }
}

/** `composer test` when composer.json declares a test script, else PHPUnit when a phpunit config is present. */
export async function detectPhpTestCommand(repo: RepoView): Promise<TestCommand | null> {
  if (await composerDeclaresTest(repo)) return { command: 'composer test', source: 'composer.json scripts.test' };
  const files = await repo.files();
  const config = PHPUNIT_CONFIGS.find((name) => files.includes(name));
  if (config) return { command: 'vendor/bin/phpunit', source: `${config} at the repository root` };
  return null;
}

/** `php -l` lints each file with the real parser; xargs exits non-zero when any file fails. */
export async function phpLintCommand(repo: RepoView): Promise<string | null> {
  const files = await repo.files();
  const sources = files.filter((file) => PHP_SOURCE.test(file) && !file.startsWith('vendor/'));
  if (sources.length === 0) return null;
  return "find . -name '*.php' -not -path './vendor/*' -print0 | xargs -0 -n1 php -l >/dev/null";
}
