import type { Node } from 'web-tree-sitter';
import type { SyntaxDiagnostic } from '../../core/plugin/languagePlugin.ts';
import { parseGo } from './fixers/goSyntax.ts';

/** At most this many problems are reported per file: the first few say enough to reject a candidate. */
const MAX_DIAGNOSTICS = 20;

/** First rung of the ladder for Go: tree-sitter's ERROR and MISSING nodes (syntax only; `go vet` type-checks). */
export function checkGoSyntax(path: string, text: string): SyntaxDiagnostic[] {
  const tree = parseGo(text);
  const diagnostics: SyntaxDiagnostic[] = [];
  const visit = (node: Node): void => {
    if (diagnostics.length >= MAX_DIAGNOSTICS) return;
    if (node.isMissing) {
      diagnostics.push({ path, line: node.startPosition.row + 1, message: `missing ${node.type}` });
      return;
    }
    if (node.isError) {
      diagnostics.push({
        path,
        line: node.startPosition.row + 1,
        message: `syntax error near ${JSON.stringify(node.text.slice(0, 40))}`,
      });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  return diagnostics;
}
