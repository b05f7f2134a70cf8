import { execFileSync, spawnSync } from 'node:child_process';

/** A Ruby interpreter ready for tests. */
export interface RubyToolchain {
  ruby: string;
  /** `ruby --version`, e.g. `ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) [x86_64-linux-gnu]`. */
  version: string;
}

export class RubyUnavailableError extends Error {
  override name = 'RubyUnavailableError';
}

let cached: RubyToolchain | null = null;

function onPath(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v ruby'], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  return path || null;
}

/** `apt-get install -y ruby` (Debian 12: Ruby 3.1), with one `apt-get update` retry when the lists are stale. */
function installWithApt(): void {
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', 'ruby'], {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
  let run = install();
  if (run.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { encoding: 'utf8', timeout: 300_000 });
    run = install();
  }
  if (run.status !== 0) {
    const why = run.error ? run.error.message : (run.stderr || run.stdout).trim().split('\n').slice(-5).join('\n');
    throw new RubyUnavailableError(
      `Ruby is required by these tests and is not installed; "apt-get install -y ruby" failed (needs root and ` +
        `network access to the Debian mirror):\n${why}`,
    );
  }
}

/**
 * Finds Ruby on PATH or installs Debian's package. Idempotent and cached per process. Throws RubyUnavailableError
 * with the reason when Ruby cannot be had: the Ruby tests fail rather than skip.
 */
export function ensureRuby(): RubyToolchain {
  if (cached) return cached;
  let ruby = onPath();
  if (ruby === null) {
    installWithApt();
    ruby = onPath();
    if (ruby === null) throw new RubyUnavailableError('ruby was installed but no ruby binary was found afterwards');
  }
  const version = execFileSync(ruby, ['--version'], { encoding: 'utf8' }).trim();
  cached = { ruby, version };
  return cached;
}
