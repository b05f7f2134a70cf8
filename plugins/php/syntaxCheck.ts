import { syntaxCheckerFor } from '../shared/syntaxDiagnostics.ts';
import { loadGrammar } from '../shared/treeSitter.ts';

/** First rung of the ladder for PHP: tree-sitter's ERROR and MISSING nodes (`php -l` is the static step). */
export const checkPhpSyntax = syntaxCheckerFor(await loadGrammar('php'));
