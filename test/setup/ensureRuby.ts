import { ensureDebianTool } from './ensureDebianTool.ts';

export { ToolUnavailableError as RubyUnavailableError } from './ensureDebianTool.ts';

/** A Ruby interpreter ready for tests: on PATH, or Debian's `ruby` (3.1 in Debian 12) installed with apt. */
export interface RubyToolchain {
  ruby: string;
  /** `ruby --version`, e.g. `ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) [x86_64-linux-gnu]`. */
  version: string;
}

export function ensureRuby(): RubyToolchain {
  const { path, version } = ensureDebianTool({ command: 'ruby', packages: ['ruby'], label: 'Ruby' });
  return { ruby: path, version };
}
