import type { RepoView, TestCommand } from '../../core/plugin/languagePlugin.ts';

/** A Cargo package or workspace runs its tests with `cargo test` from the directory holding Cargo.toml. */
export async function detectRustTestCommand(repo: RepoView): Promise<TestCommand | null> {
  const files = await repo.files();
  if (files.includes('Cargo.toml')) return { command: 'cargo test', source: 'Cargo.toml at the repository root' };
  return null;
}

/** `cargo check` type-checks and borrow-checks every target without producing binaries (faster than a build). */
export async function cargoCheckCommand(repo: RepoView): Promise<string | null> {
  const files = await repo.files();
  return files.includes('Cargo.toml') ? 'cargo check --all-targets' : null;
}
