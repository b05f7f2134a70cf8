import { execFileSync, spawnSync } from 'node:child_process';

/** A tool the tests need that is not installed and cannot be: the tests fail with the reason instead of skipping. */
export class ToolUnavailableError extends Error {
  override name = 'ToolUnavailableError';
}

export interface DebianTool {
  /** The command looked up on PATH, e.g. `ruby`. */
  command: string;
  /** Debian packages that provide it, e.g. `['php-cli']`. */
  packages: readonly string[];
  /** What the tests call it in messages, e.g. `Ruby`. */
  label: string;
}

const found = new Map<string, { path: string; version: string }>();

function onPath(command: string): string | null {
  const run = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const path = run.status === 0 ? run.stdout.trim() : '';
  return path || null;
}

/** `apt-get install -y <packages>`, with one `apt-get update` retry when the package lists are stale. */
function installWithApt(tool: DebianTool): void {
  const install = () =>
    // Two test files may install at once (two workers): wait for the other's dpkg lock instead of failing.
    spawnSync('apt-get', ['install', '-y', '-q', '-o', 'DPkg::Lock::Timeout=600', ...tool.packages], {
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
    throw new ToolUnavailableError(
      `${tool.label} is required by these tests and is not installed; "apt-get install -y ${tool.packages.join(' ')}" ` +
        `failed (needs root and network access to the Debian mirror):\n${why}`,
    );
  }
}

/**
 * Finds the tool on PATH or installs its Debian packages. Idempotent and cached per process; `versionArgs` are
 * what makes the tool print its version.
 */
export function ensureDebianTool(tool: DebianTool, versionArgs: readonly string[] = ['--version']) {
  const cached = found.get(tool.command);
  if (cached) return cached;
  let path = onPath(tool.command);
  if (path === null) {
    installWithApt(tool);
    path = onPath(tool.command);
    if (path === null)
      throw new ToolUnavailableError(`${tool.packages.join(' ')} installed but no ${tool.command} found`);
  }
  const version =
    execFileSync(path, [...versionArgs], { encoding: 'utf8' })
      .trim()
      .split('\n')[0] ?? '';
  const result = { path, version };
  found.set(tool.command, result);
  return result;
}
