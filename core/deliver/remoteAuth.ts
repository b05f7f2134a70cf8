/**
 * How a token reaches git for an https remote: as an `http.<origin>/.extraHeader` set through git's
 * `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` environment (git >= 2.31), so it is never in argv (which
 * every user of the machine can read with `ps`), in a URL, or in a file. `Basic x-access-token:<token>` is what
 * GitHub accepts for git over https (actions/checkout sends the same header). Scoped to the remote's origin: no other
 * host ever receives it.
 */
export function remoteAuthEnv(
  remoteUrl: string,
  token: string | null,
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  // Never wait for a password on a terminal nobody watches.
  const base: NodeJS.ProcessEnv = { ...env, GIT_TERMINAL_PROMPT: '0' };
  const origin = token ? tokenOrigin(remoteUrl) : null;
  if (!token || !origin) return base;
  const index = Number.parseInt(env['GIT_CONFIG_COUNT'] ?? '0', 10) || 0;
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return {
    ...base,
    GIT_CONFIG_COUNT: String(index + 1),
    [`GIT_CONFIG_KEY_${index}`]: `http.${origin}/.extraHeader`,
    [`GIT_CONFIG_VALUE_${index}`]: `Authorization: Basic ${basic}`,
  };
}

/**
 * The origin a token may be sent to: https only, or plain http to this machine (a loopback server never crosses
 * a network). ssh and file remotes use their own credentials and get no token.
 */
export function tokenOrigin(remoteUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(remoteUrl);
  } catch {
    return null; // scp-like `git@host:owner/repo.git` or a path
  }
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  if (url.username || url.password) return null; // the URL carries its own credentials; do not add a second set
  return url.origin;
}

/** Removes every form a secret can take in git's or an HTTP library's text: itself, its Basic form, URL userinfo. */
export function redact(text: string, token: string | null): string {
  let out = text.replace(/(\w+:\/\/)[^/@\s]+@/g, '$1***@');
  if (token) {
    for (const secret of [token, Buffer.from(`x-access-token:${token}`).toString('base64')]) {
      out = out.split(secret).join('***');
    }
  }
  return out;
}
