import type { RepoView, TestCommand } from '../../core/plugin/languagePlugin.ts';

const PROJECT_FILE = /\.(?:csproj|sln|slnx)$/;
/** Build output and restored packages are not the repository's projects. */
const SKIPPED_DIRS = ['bin/', 'obj/', 'node_modules/', 'packages/'];

function projectFiles(files: readonly string[]): string[] {
  return files.filter(
    (file) => PROJECT_FILE.test(file) && !SKIPPED_DIRS.some((dir) => file.startsWith(dir) || file.includes(`/${dir}`)),
  );
}

/** `dotnet test` when the repository has a solution or project file (it finds the test projects through them). */
export async function detectCsharpTestCommand(repo: RepoView): Promise<TestCommand | null> {
  const [first] = projectFiles(await repo.files()).sort((a, b) => a.split('/').length - b.split('/').length);
  return first === undefined ? null : { command: 'dotnet test', source: `${first} in the repository` };
}

/** `dotnet build` compiles every project with the real compiler; without a project there is nothing to build. */
export async function csharpBuildCommand(repo: RepoView): Promise<string | null> {
  return projectFiles(await repo.files()).length > 0 ? 'dotnet build --nologo -v quiet' : null;
}
