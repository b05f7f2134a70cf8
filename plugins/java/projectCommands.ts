import type { RepoView, TestCommand } from '../../core/plugin/languagePlugin.ts';

/**
 * How a Java repository runs its tests: Maven (offline, since a sandbox must not download dependencies), Gradle
 * (its wrapper when committed), then a plain project's own script (`test.sh`, a `test` target of a Makefile).
 */
export async function detectJavaTestCommand(repo: RepoView): Promise<TestCommand | null> {
  const files = new Set(await repo.files());
  if (files.has('pom.xml')) {
    return files.has('mvnw')
      ? { command: 'sh mvnw -q -o test', source: 'pom.xml with the Maven wrapper (offline)' }
      : { command: 'mvn -q -o test', source: 'pom.xml (Maven, offline)' };
  }
  if (files.has('gradlew')) return { command: 'sh gradlew test --offline', source: 'Gradle wrapper (gradlew)' };
  if (files.has('build.gradle') || files.has('build.gradle.kts')) {
    return { command: 'gradle test --offline', source: 'build.gradle (Gradle, offline)' };
  }
  if (files.has('test.sh')) return { command: 'sh test.sh', source: 'test.sh (plain javac project)' };
  const makefile = files.has('Makefile') ? await repo.readFile('Makefile') : null;
  if (makefile !== null && /^test\s*:/m.test(makefile))
    return { command: 'make test', source: 'Makefile target "test"' };
  return null;
}

/**
 * The static step for plain javac projects: compile every source (main and test) into a temp directory, with the
 * jars in `lib/` on the class path. Maven and Gradle builds compile as part of their test command: null.
 */
export async function javacCheckCommand(repo: RepoView): Promise<string | null> {
  const files = await repo.files();
  const build = ['pom.xml', 'build.gradle', 'build.gradle.kts', 'gradlew'];
  if (files.some((f) => build.includes(f))) return null;
  const sources = files.filter((f) => f.endsWith('.java'));
  if (sources.length === 0) return null;
  const roots = sources.some((f) => f.startsWith('src/')) ? ['src'] : ['.'];
  const classPath = files.some((f) => f.startsWith('lib/') && f.endsWith('.jar')) ? ` -cp ${shellQuote('lib/*')}` : '';
  return [
    'd=$(mktemp -d)',
    `find ${roots.map(shellQuote).join(' ')} -name '*.java' > "$d/sources"`,
    `javac -nowarn -proc:none -encoding UTF-8 -d "$d/classes"${classPath} @"$d/sources"; status=$?; rm -rf "$d"; exit $status`,
  ].join(' && ');
}

/** Paths here come from the repository layout, never from a log; quoted all the same. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
