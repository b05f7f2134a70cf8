import type { RepoView, TestCommand } from '../../core/plugin/languagePlugin.ts';

/** A Go module runs its tests with `go test ./...` from the directory holding go.mod. */
export async function detectGoTestCommand(repo: RepoView): Promise<TestCommand | null> {
  const files = await repo.files();
  if (files.includes('go.mod')) return { command: 'go test ./...', source: 'go.mod at the repository root' };
  return null;
}

/** `go vet` type-checks every package (a compile error fails it) and reports suspicious code such as copied locks. */
export async function goVetCommand(repo: RepoView): Promise<string | null> {
  const files = await repo.files();
  return files.includes('go.mod') ? 'go vet ./...' : null;
}
