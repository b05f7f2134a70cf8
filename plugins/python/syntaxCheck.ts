import type { SyntaxDiagnostic } from '../../core/plugin/languagePlugin.ts';
import { parsePythonSource, syntaxProblems } from './pythonTree.ts';

/** First rung of the ladder: does the patched file still parse? Reports tree-sitter's ERROR and MISSING nodes. */
export function checkPythonSyntax(path: string, text: string): SyntaxDiagnostic[] {
  const tree = parsePythonSource(text);
  try {
    return syntaxProblems(tree).map((node) => ({
      path,
      line: node.startPosition.row + 1,
      message: node.isMissing ? `missing ${node.type}` : `syntax error near ${JSON.stringify(node.text.slice(0, 40))}`,
    }));
  } finally {
    tree.delete();
  }
}
