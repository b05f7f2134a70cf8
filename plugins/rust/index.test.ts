import { describe, expect, it } from 'vitest';
import type { RepoView } from '../../core/plugin/languagePlugin.ts';
import { ALL_PLUGINS } from '../index.ts';
import { rustPlugin } from './index.ts';

function repo(files: Record<string, string>): RepoView {
  return { files: async () => Object.keys(files), readFile: async (path) => files[path] ?? null };
}

describe('rustPlugin', () => {
  it('is registered and runs `cargo test` / `cargo check` in a Cargo package', async () => {
    expect(ALL_PLUGINS).toContain(rustPlugin);
    const crate = repo({ 'Cargo.toml': '[package]\nname = "x"\n', 'src/main.rs': 'fn main() {}\n' });
    expect(await rustPlugin.detectTestCommand(crate)).toEqual({
      command: 'cargo test',
      source: 'Cargo.toml at the repository root',
    });
    expect(await rustPlugin.staticCheckCommand(crate)).toBe('cargo check --all-targets');
    expect(await rustPlugin.detectTestCommand(repo({ 'src/main.rs': '' }))).toBeNull();
    expect(await rustPlugin.staticCheckCommand(repo({ 'src/main.rs': '' }))).toBeNull();
  });

  it('validateSyntax reports tree-sitter errors with their lines, and nothing for valid Rust', () => {
    const valid =
      'use std::collections::HashMap;\n\nfn total(prices: &HashMap<String, u32>) -> u32 {\n    prices.values().sum()\n}\n';
    expect(rustPlugin.validateSyntax('src/lib.rs', valid)).toEqual([]);
    const broken = 'fn main() {\n    let x = 1;\n    if x > 0 {\n        println!("{}", x);\n\n';
    const problems = rustPlugin.validateSyntax('src/main.rs', broken);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ path: 'src/main.rs' });
    expect(rustPlugin.validateSyntax('src/a.rs', 'fn a( {\n')).not.toEqual([]);
  });
});
