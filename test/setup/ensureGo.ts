import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

/** A Go toolchain ready for tests: the `go` binary and an environment that does not depend on $HOME. */
export interface GoToolchain {
  go: string;
  version: string;
  /** process.env plus GOCACHE/GOPATH/GOMODCACHE under the project's ignored `.local/`, PATH with `go` on it. */
  env: NodeJS.ProcessEnv;
}

export class GoUnavailableError extends Error {
  override name = 'GoUnavailableError';
}

const ROOT = resolve(import.meta.dirname, '../..');
/** Debian's package (Go 1.19) installs here; /usr/bin/go is a link to it. */
const DEBIAN_GO = '/usr/lib/go/bin/go';

let cached: GoToolchain | null = null;

function onPath(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  if (path) return path;
  return existsSync(DEBIAN_GO) ? DEBIAN_GO : null;
}

/** `apt-get install -y golang-go`, with one `apt-get update` retry when the package lists are stale or missing. */
function installWithApt(): void {
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', 'golang-go'], {
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
    throw new GoUnavailableError(
      `Go is required by these tests and is not installed; "apt-get install -y golang-go" failed (needs root and ` +
        `network access to the Debian mirror):\n${why}`,
    );
  }
}

/**
 * Finds Go (on PATH or Debian's /usr/lib/go/bin/go) or installs Debian's golang-go. Idempotent and cached per
 * process. Throws GoUnavailableError with the reason when Go cannot be had: the Go tests fail rather than skip.
 */
export function ensureGo(): GoToolchain {
  if (cached) return cached;
  let go = onPath();
  if (go === null) {
    installWithApt();
    go = onPath();
    if (go === null) throw new GoUnavailableError('golang-go was installed but no go binary was found afterwards');
  }
  const local = join(ROOT, '.local', 'go');
  const dirs = { GOCACHE: join(local, 'cache'), GOPATH: join(local, 'path'), GOMODCACHE: join(local, 'path', 'mod') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...dirs,
    // The demo and snippets use only the standard library: no module download, no toolchain switch.
    GOPROXY: 'off',
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'local',
    GO111MODULE: 'on',
    PATH: `${dirname(go)}${delimiter}${process.env['PATH'] ?? ''}`,
  };
  const version = execFileSync(go, ['version'], { encoding: 'utf8', env }).trim();
  cached = { go, version, env };
  return cached;
}

/** Makes the Go environment the process's own, so child processes (the CLI, sandboxes) inherit it. */
export function useGoEnvironment(): GoToolchain {
  const toolchain = ensureGo();
  for (const [key, value] of Object.entries(toolchain.env)) if (value !== undefined) process.env[key] = value;
  return toolchain;
}
