import { syntaxCheckerFor } from '../shared/syntaxDiagnostics.ts';
import { loadGrammar } from '../shared/treeSitter.ts';

/** First rung of the ladder for Rust: tree-sitter's ERROR and MISSING nodes (`cargo check` is the static step). */
export const checkRustSyntax = syntaxCheckerFor(await loadGrammar('rust'));
