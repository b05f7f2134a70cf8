import { execFileSync, spawnSync } from 'node:child_process';

/** Mono's compiler and runtime, ready for tests (the .NET SDK is not packaged by Debian; Mono is). */
export interface MonoToolchain {
  mono: string;
  mcs: string;
  /** First line of `mono --version`, e.g. `Mono JIT compiler version 6.8.0.105 (Debian 6.8.0.105+dfsg-3.3+deb12u1 ...)`. */
  version: string;
}

export class MonoUnavailableError extends Error {
  override name = 'MonoUnavailableError';
}

const PACKAGES = ['mono-mcs', 'mono-runtime'];
let cached: MonoToolchain | null = null;

function onPath(binary: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  return path || null;
}

/** `apt-get install -y mono-mcs mono-runtime` (Debian 12: Mono 6.8), with one `apt-get update` retry. */
function installWithApt(): void {
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', ...PACKAGES], {
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
    throw new MonoUnavailableError(
      `Mono is required by these tests and is not installed; "apt-get install -y ${PACKAGES.join(' ')}" failed ` +
        `(needs root and network access to the Debian mirror):\n${why}`,
    );
  }
}

/**
 * Finds mono and mcs on PATH or installs Debian's packages. Idempotent and cached per process. Throws
 * MonoUnavailableError with the reason when they cannot be had: the C# tests fail rather than skip.
 */
export function ensureMono(): MonoToolchain {
  if (cached) return cached;
  let mono = onPath('mono');
  let mcs = onPath('mcs');
  if (mono === null || mcs === null) {
    installWithApt();
    mono = onPath('mono');
    mcs = onPath('mcs');
    if (mono === null || mcs === null) {
      throw new MonoUnavailableError('mono-mcs and mono-runtime were installed but mono or mcs is still missing');
    }
  }
  const version = execFileSync(mono, ['--version'], { encoding: 'utf8' }).split('\n')[0]?.trim() ?? '';
  cached = { mono, mcs, version };
  return cached;
}
