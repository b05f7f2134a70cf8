import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RepoView } from '../../core/plugin/languagePlugin.ts';
import { LocalRepo } from '../../core/source/localRepo.ts';
import { createRegistry } from '../index.ts';
import { javaPlugin } from './index.ts';

const DEMO = join(import.meta.dirname, '../../examples/java-billing');

function repoOf(files: Record<string, string>): RepoView {
  return { files: async () => Object.keys(files).sort(), readFile: async (path) => files[path] ?? null };
}

describe('javaPlugin', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is registered: Java events are analysed with the Java rules', () => {
    const registry = createRegistry();
    expect(registry.get('java')).toBe(javaPlugin);
  });

  it('detects the test command of Maven, Gradle and plain javac projects', async () => {
    const detect = (files: Record<string, string>) => javaPlugin.detectTestCommand(repoOf(files));
    expect((await detect({ 'pom.xml': '<project/>' }))?.command).toBe('mvn -q -o test');
    expect((await detect({ 'pom.xml': '', mvnw: '' }))?.command).toBe('sh mvnw -q -o test');
    expect((await detect({ 'build.gradle': '', gradlew: '' }))?.command).toBe('sh gradlew test --offline');
    expect((await detect({ 'build.gradle.kts': '' }))?.command).toBe('gradle test --offline');
    expect((await detect({ 'test.sh': '', 'src/A.java': '' }))?.command).toBe('sh test.sh');
    expect((await detect({ Makefile: 'build:\n\tjavac A.java\ntest: build\n\tjava T\n' }))?.command).toBe('make test');
    expect(await detect({ Makefile: 'build:\n\tjavac A.java\n', 'src/A.java': '' })).toBeNull();
  });

  it('static check: javac for plain projects, none for Maven/Gradle (their tests compile)', async () => {
    expect(await javaPlugin.staticCheckCommand(repoOf({ 'pom.xml': '', 'src/main/java/A.java': '' }))).toBeNull();
    expect(await javaPlugin.staticCheckCommand(repoOf({ 'README.md': '' }))).toBeNull();
    const withLib = await javaPlugin.staticCheckCommand(repoOf({ 'src/A.java': '', 'lib/junit.jar': '' }));
    expect(withLib).toContain(`-cp 'lib/*'`);
  });

  it('the static check really compiles: it passes on the demo and fails on a type error', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hs-java-check-')), 'billing');
    dirs.push(dir);
    cpSync(DEMO, dir, { recursive: true, filter: (src) => !/\/(build|logs)$/.test(src) });
    const command = await javaPlugin.staticCheckCommand(new LocalRepo(dir));
    expect(command).not.toBeNull();
    const ok = spawnSync('/bin/sh', ['-c', command!], { cwd: dir, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    const file = join(dir, 'src/main/java/com/acme/billing/TaxCalculator.java');
    writeFileSync(file, readFileSync(file, 'utf8').replace('int basisPoints =', 'String basisPoints ='));
    const broken = spawnSync('/bin/sh', ['-c', command!], { cwd: dir, encoding: 'utf8' });
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toContain('incompatible types');
  });

  it('validateSyntax reports tree-sitter errors and missing tokens with their lines', () => {
    expect(javaPlugin.validateSyntax('A.java', 'class A {\n  int f() { return 1; }\n}\n')).toEqual([]);
    const problems = javaPlugin.validateSyntax('A.java', 'class A {\n  int f() {\n    return 1\n  }\n}\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ path: 'A.java', line: 3 });
    expect(javaPlugin.validateSyntax('A.java', 'class A {\n  void f() { int x = ; }\n}\n')[0]?.line).toBe(2);
    expect(javaPlugin.validateSyntax('notes.txt', '{{{')).toEqual([]);
  });
});
