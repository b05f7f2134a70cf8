import type { SyntaxDiagnostic } from '../../core/plugin/languagePlugin.ts';
import { treeSyntaxDiagnostics } from '../shared/syntaxDiagnostics.ts';
import { parseGo } from './fixers/goSyntax.ts';

/** First rung of the ladder for Go: tree-sitter's ERROR and MISSING nodes (syntax only; `go vet` type-checks). */
export function checkGoSyntax(path: string, text: string): SyntaxDiagnostic[] {
  const tree = parseGo(text);
  try {
    return treeSyntaxDiagnostics(path, tree);
  } finally {
    tree.delete();
  }
}
