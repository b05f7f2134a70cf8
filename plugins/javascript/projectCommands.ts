import { createRequire } from 'node:module';
import type { RepoView, TestCommand } from '../../core/plugin/languagePlugin.ts';

/** npm's placeholder test script: present in every `npm init` package, and always fails. */
const NPM_PLACEHOLDER = /no test specified/;

interface PackageJson {
  scripts?: Record<string, string>;
  devDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
}

/** How a JavaScript/TypeScript repository runs its tests: its own `test` script first, then known runners. */
export async function detectJavaScriptTestCommand(repo: RepoView): Promise<TestCommand | null> {
  const pkg = await readPackageJson(repo);
  const script = pkg?.scripts?.['test'];
  if (script && !NPM_PLACEHOLDER.test(script)) return { command: 'npm test', source: 'package.json scripts.test' };
  const deps = { ...pkg?.dependencies, ...pkg?.devDependencies };
  if (deps['vitest']) return { command: 'npx vitest run', source: 'vitest in package.json' };
  if (deps['jest']) return { command: 'npx jest', source: 'jest in package.json' };
  const files = await repo.files();
  if (files.some((f) => /(^|\/)(test|tests|__tests__)\/.*\.(m|c)?js$|\.test\.(m|c)?js$/.test(f))) {
    return { command: 'node --test', source: 'test files found; Node.js built-in test runner' };
  }
  return null;
}

/**
 * The type check step for TypeScript repositories: the project's own compiler when installed (its version is the
 * one its code is written for), otherwise the one Homeostasis ships.
 */
export async function typeCheckCommand(repo: RepoView): Promise<string | null> {
  const files = await repo.files();
  if (!files.includes('tsconfig.json')) return null;
  const own = 'node_modules/typescript/bin/tsc';
  const hasOwn = (await repo.readFile(own)) !== null;
  const tsc = hasOwn ? own : createRequire(import.meta.url).resolve('typescript/bin/tsc');
  return `node ${shellQuote(tsc)} --noEmit -p tsconfig.json`;
}

async function readPackageJson(repo: RepoView): Promise<PackageJson | null> {
  const text = await repo.readFile('package.json');
  if (text === null) return null;
  try {
    return JSON.parse(text) as PackageJson;
  } catch {
    return null;
  }
}

/** Paths here come from our own install or the repository layout, never from a log; quoted all the same. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
