import { execFileSync, spawnSync } from 'node:child_process';

/** A PHP interpreter ready for tests. */
export interface PhpToolchain {
  php: string;
  /** `php --version`, e.g. `PHP 8.2.36 (cli)`. */
  version: string;
}

export class PhpUnavailableError extends Error {
  override name = 'PhpUnavailableError';
}

let cached: PhpToolchain | null = null;

function onPath(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v php'], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  return path || null;
}

/** `apt-get install -y php-cli` (Debian 12: PHP 8.2), with one `apt-get update` retry when the lists are stale. */
function installWithApt(): void {
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', 'php-cli'], {
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
    throw new PhpUnavailableError(
      `PHP is required by these tests and is not installed; "apt-get install -y php-cli" failed (needs root and ` +
        `network access to the Debian mirror):\n${why}`,
    );
  }
}

/**
 * Finds PHP (php-cli) on PATH or installs Debian's package. Idempotent and cached per process. Throws PhpUnavailableError
 * with the reason when PHP cannot be had: the PHP tests fail rather than skip.
 */
export function ensurePhp(): PhpToolchain {
  if (cached) return cached;
  let php = onPath();
  if (php === null) {
    installWithApt();
    php = onPath();
    if (php === null) throw new PhpUnavailableError('php-cli was installed but no php binary was found afterwards');
  }
  const version = execFileSync(php, ['--version'], { encoding: 'utf8' }).trim();
  cached = { php, version: version.split('\n')[0] ?? version };
  return cached;
}
