import type { Node } from 'web-tree-sitter';
import type { SyntaxDiagnostic } from '../../core/plugin/languagePlugin.ts';
import { loadGrammar, parserFor } from '../shared/treeSitter.ts';

/** At most this many problems are reported per file: the first few say enough to reject a candidate. */
const MAX_DIAGNOSTICS = 20;

// Loaded once when the plugin module loads, so that validateSyntax stays synchronous.
const csharpTreeParser = parserFor(await loadGrammar('c-sharp'));

/** First rung of the ladder for C#: tree-sitter's ERROR and MISSING nodes (`dotnet build` is the static step). */
export function checkCsharpSyntax(path: string, text: string): SyntaxDiagnostic[] {
  const tree = csharpTreeParser.parse(text);
  if (tree === null) return [{ path, line: 1, message: 'tree-sitter could not parse the file' }];
  const diagnostics: SyntaxDiagnostic[] = [];
  const visit = (node: Node): void => {
    if (diagnostics.length >= MAX_DIAGNOSTICS) return;
    if (node.isMissing) {
      diagnostics.push({ path, line: node.startPosition.row + 1, message: `missing ${node.type}` });
      return;
    }
    if (node.isError) {
      const near = JSON.stringify(node.text.slice(0, 40));
      diagnostics.push({ path, line: node.startPosition.row + 1, message: `syntax error near ${near}` });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  return diagnostics;
}
