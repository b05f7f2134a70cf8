import { ensureDebianTool } from './ensureDebianTool.ts';

export { ToolUnavailableError as PhpUnavailableError } from './ensureDebianTool.ts';

/** A PHP interpreter ready for tests: on PATH, or Debian's `php-cli` (8.2 in Debian 12) installed with apt. */
export interface PhpToolchain {
  php: string;
  /** First line of `php --version`, e.g. `PHP 8.2.36 (cli)`. */
  version: string;
}

export function ensurePhp(): PhpToolchain {
  const { path, version } = ensureDebianTool({ command: 'php', packages: ['php-cli'], label: 'PHP' });
  return { php: path, version };
}
