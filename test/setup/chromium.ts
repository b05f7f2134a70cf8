import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';
import { ensureDebianTool } from './ensureDebianTool.ts';

export { ToolUnavailableError as ChromiumUnavailableError } from './ensureDebianTool.ts';

/**
 * Flags Debian's Chromium needs as root on an offline machine (../shared/notes/local-cloud.md): no sandbox (root),
 * no GPU, and none of the background fetches (QUIC, component updates, sync, first-run) that would wait on a
 * network that is not there. Playwright adds `--headless` itself.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** A headless Chromium (Debian's `chromium` package, driven by playwright-core) with a profile of its own. */
export interface RunningChromium {
  /** One browser context over a fresh user-data-dir; new pages come from `context.newPage()`. */
  context: BrowserContext;
  /** `chromium --version`, e.g. `Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)`. */
  version: string;
  /** Closes the browser and deletes its user-data-dir. */
  close(): Promise<void>;
}

/**
 * Finds `chromium` on PATH or installs Debian's package (never `npx playwright install`: it downloads a browser
 * build), then launches it headless over a fresh user-data-dir. Playwright's `launch()` refuses a
 * `--user-data-dir` flag, so the fresh profile is made here and opened with `launchPersistentContext`.
 */
export async function launchChromium(options: BrowserContextOptions = {}): Promise<RunningChromium> {
  const { path, version } = ensureDebianTool({ command: 'chromium', packages: ['chromium'], label: 'Chromium' });
  const userDataDir = mkdtempSync(join(tmpdir(), 'hs-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: path,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      ...options,
    });
    return {
      context,
      version,
      close: async () => {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
