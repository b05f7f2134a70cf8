import { syntaxCheckerFor } from '../shared/syntaxDiagnostics.ts';
import { loadGrammar } from '../shared/treeSitter.ts';

/** First rung of the ladder for C#: tree-sitter's ERROR and MISSING nodes (`dotnet build` is the static step). */
export const checkCsharpSyntax = syntaxCheckerFor(await loadGrammar('c-sharp'));
