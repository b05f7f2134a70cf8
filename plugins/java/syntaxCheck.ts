import type { SyntaxDiagnostic } from '../../core/plugin/languagePlugin.ts';
import { parseJava, syntaxProblems } from './fixers/javaTree.ts';

/** First rung of the ladder: does the patched file still parse? (tree-sitter ERROR and MISSING nodes.) */
export function checkJavaSyntax(path: string, text: string): SyntaxDiagnostic[] {
  if (!path.endsWith('.java')) return [];
  return syntaxProblems(parseJava(text)).map((problem) => ({ path, ...problem }));
}
