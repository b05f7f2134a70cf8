import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

/** Grammars shipped prebuilt in `@vscode/tree-sitter-wasm` (file `wasm/tree-sitter-<name>.wasm`). */
export type GrammarName = 'python' | 'java' | 'go' | 'rust' | 'ruby' | 'php' | 'c-sharp' | (string & {});

const WASM_DIR = join(dirname(createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');

let runtime: Promise<void> | null = null;
const grammars = new Map<string, Promise<Language>>();

/**
 * Loads a grammar once per process (the runtime is initialised on first use); later calls share the promise.
 * `name` is the grammar's name (`go`); `tree-sitter-go` and `tree-sitter-go.wasm` are accepted too.
 */
export function loadGrammar(name: GrammarName): Promise<Language> {
  const key = name.replace(/^tree-sitter-/, '').replace(/\.wasm$/, '');
  let grammar = grammars.get(key);
  if (!grammar) {
    runtime ??= Parser.init();
    grammar = runtime.then(() => Language.load(join(WASM_DIR, `tree-sitter-${key}.wasm`)));
    grammars.set(key, grammar);
  }
  return grammar;
}

/** A parser for an already loaded grammar (parsers are cheap; one per use keeps callers independent). */
export function parserFor(language: Language): Parser {
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
