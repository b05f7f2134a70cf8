import type { Language, Node, Tree } from 'web-tree-sitter';
import type { SyntaxDiagnostic } from '../../core/plugin/languagePlugin.ts';
import { parserFor } from './treeSitter.ts';

/** At most this many problems are reported per file: the first few say enough to reject a candidate. */
const MAX_DIAGNOSTICS = 20;

/** The first rung of the ladder for a tree-sitter language: its ERROR and MISSING nodes, with line numbers. */
export function treeSyntaxDiagnostics(path: string, tree: Tree): SyntaxDiagnostic[] {
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
  return diagnostics;
}

/** A synchronous syntax check for a loaded grammar (load it at module load, so `validateSyntax` stays sync). */
export function syntaxCheckerFor(language: Language): (path: string, text: string) => SyntaxDiagnostic[] {
  const parser = parserFor(language);
  return (path, text) => {
    const tree = parser.parse(text);
    if (tree === null) return [{ path, line: 1, message: 'tree-sitter could not parse the file' }];
    try {
      return treeSyntaxDiagnostics(path, tree);
    } finally {
      tree.delete();
    }
  };
}
