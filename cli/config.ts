import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** The CLI's environment, read and validated once; nothing else reads process.env. */
const EnvSchema = z.object({
  HOMEOSTASIS_STATE_DIR: z.string().min(1).optional(),
  NO_COLOR: z.string().optional(),
  USER: z.string().optional(),
});

export interface CliConfig {
  /** Where the embedded store lives: `.homeostasis/` in the directory the command runs from. */
  stateDir: string;
  actor: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const parsed = EnvSchema.parse(env);
  return {
    stateDir: resolve(parsed.HOMEOSTASIS_STATE_DIR ?? join(process.cwd(), '.homeostasis')),
    actor: parsed.USER ?? safeUser(),
  };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}
