import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** The CLI's environment, read and validated once; nothing else reads process.env. */
const EnvSchema = z.object({
  HOMEOSTASIS_STATE_DIR: z.string().min(1).optional(),
  NO_COLOR: z.string().optional(),
  USER: z.string().optional(),
  /** Pull requests (`heal --pull-request`) and pushes to the same GitHub host over https. */
  // Plain strings here: a malformed value fails `heal --pull-request` with its own message, not every command.
  GITHUB_TOKEN: z.string().optional(),
  /** GitHub Enterprise Server: `https://<host>/api/v3`. */
  GITHUB_API_URL: z.string().optional(),
  /** `owner/name`; default: read from the push remote's URL. */
  GITHUB_REPOSITORY: z.string().optional(),
});

export interface CliConfig {
  /** Where the embedded store lives: `.homeostasis/` in the directory the command runs from. */
  stateDir: string;
  actor: string;
  github: GitHubSettings;
}

export interface GitHubSettings {
  token: string | null;
  apiUrl: string;
  repository: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const parsed = EnvSchema.parse(env);
  return {
    stateDir: resolve(parsed.HOMEOSTASIS_STATE_DIR ?? join(process.cwd(), '.homeostasis')),
    actor: parsed.USER ?? safeUser(),
    github: {
      token: parsed.GITHUB_TOKEN || null,
      apiUrl: parsed.GITHUB_API_URL || 'https://api.github.com',
      repository: parsed.GITHUB_REPOSITORY || null,
    },
  };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}
