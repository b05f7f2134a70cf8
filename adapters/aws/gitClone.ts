import { spawn } from 'node:child_process';
import { SourceError } from './sourceArchive.ts';

/** The token reaches git only through this variable, read by the credential helper below; never in argv. */
export const GIT_TOKEN_ENV = 'HOMEOSTASIS_GIT_TOKEN';

/**
 * An inline credential helper that answers git's credential request from the environment. Its text is in argv
 * (`-c credential.helper=...`), the token is not; `$HOMEOSTASIS_GIT_TOKEN` is expanded by the helper's shell.
 */
export const TOKEN_CREDENTIAL_HELPER = `!f() { test "$1" = get || exit 0; echo username=x-access-token; echo "password=$${GIT_TOKEN_ENV}"; }; f`;

export interface CloneRequest {
  url: string;
  dir: string;
  ref?: string;
  token?: string | null;
}

/** Only https and file URLs: no ssh (no keys in a Lambda), no `ext::` or other transports that run commands. */
export function assertCloneUrl(url: string): void {
  if (!/^(https:\/\/|file:\/\/\/)[^\s]+$/.test(url)) {
    throw new SourceError('git source must be an https:// or file:/// URL');
  }
}

/** The argv of the clone: the URL after `--`, so it can never be read as an option. */
export function cloneArgs(request: CloneRequest): string[] {
  const args = [
    '-c',
    'credential.helper=',
    '-c',
    `credential.helper=${TOKEN_CREDENTIAL_HELPER}`,
    'clone',
    '--depth',
    '1',
  ];
  if (request.ref) args.push('--branch', request.ref);
  args.push('--', request.url, request.dir);
  return args;
}

/** `git clone --depth 1`, with the token (when there is one) given to git through the environment only. */
export async function gitClone(request: CloneRequest): Promise<void> {
  assertCloneUrl(request.url);
  if (request.ref && !/^[\w./-]+$/.test(request.ref)) throw new SourceError('git ref has unexpected characters');
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', [GIT_TOKEN_ENV]: request.token ?? '' };
  const child = spawn('git', cloneArgs(request), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    // git never prints the helper's password; the last line says what went wrong (not found, auth failed).
    const last = stderr.trim().split('\n').at(-1) ?? '';
    throw new SourceError(`git clone failed (exit ${code}): ${last.replace(request.token || '\0', '***')}`);
  }
}
