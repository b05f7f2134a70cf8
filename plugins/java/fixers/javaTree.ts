import { type Node, Parser, type Tree } from 'web-tree-sitter';
import { loadGrammar } from '../../shared/treeSitter.ts';

/** Loaded once when the plugin module loads, so parsing (and `Fixer.propose`) stays synchronous. */
const javaLanguage = await loadGrammar('java');
const parser = new Parser();
parser.setLanguage(javaLanguage);

export class JavaParseError extends Error {
  override name = 'JavaParseError';
}

/** Parses Java source with tree-sitter-java. Node indices are UTF-16 offsets into `text` (JS string positions). */
export function parseJava(text: string): Tree {
  const tree = parser.parse(text);
  if (tree === null) throw new JavaParseError('tree-sitter returned no tree');
  return tree;
}

/** Every node of the subtree, depth first, parents before children. */
export function* descendants(node: Node): Generator<Node> {
  const cursor = node.walk();
  let visiting = true;
  while (true) {
    if (visiting) yield cursor.currentNode;
    if (visiting && cursor.gotoFirstChild()) continue;
    if (cursor.gotoNextSibling()) {
      visiting = true;
      continue;
    }
    if (!cursor.gotoParent()) return;
    visiting = false;
    if (cursor.currentNode.id === node.id) return;
  }
}

/** Syntax errors tree-sitter recovered from: ERROR nodes and MISSING tokens, with 1-based lines. */
export function syntaxProblems(tree: Tree): { line: number; message: string }[] {
  const problems: { line: number; message: string }[] = [];
  if (!tree.rootNode.hasError) return problems;
  for (const node of descendants(tree.rootNode)) {
    if (node.isMissing) problems.push({ line: node.startPosition.row + 1, message: `missing ${node.type}` });
    else if (node.isError) problems.push({ line: node.startPosition.row + 1, message: 'syntax error' });
  }
  return problems;
}
