import { syntaxCheckerFor } from '../shared/syntaxDiagnostics.ts';
import { loadGrammar } from '../shared/treeSitter.ts';

/** First rung of the ladder for Ruby: tree-sitter's ERROR and MISSING nodes (`ruby -wc` is the static step). */
export const checkRubySyntax = syntaxCheckerFor(await loadGrammar('ruby'));
