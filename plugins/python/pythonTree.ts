import { type Node, Parser, type Tree } from 'web-tree-sitter';
import { loadGrammar } from '../shared/treeSitter.ts';

/*
 * The Python grammar is loaded once, when the plugin module is imported (top-level await), so that parsing, and
 * with it `Fixer.propose` and `validateSyntax`, stays synchronous.
 */
const grammar = await loadGrammar('python'); // initialises the WebAssembly runtime too
const parser = new Parser();
parser.setLanguage(grammar);

export class PythonParseError extends Error {
  override name = 'PythonParseError';
}

/** Parses Python source. Node indices are positions in the JavaScript string (UTF-16), so `slice` works on them. */
export function parsePythonSource(text: string): Tree {
  const tree = parser.parse(text);
  if (tree === null) throw new PythonParseError('tree-sitter returned no tree');
  return tree;
}

/** Every ERROR or MISSING node, outermost first (a broken region reports once). */
export function syntaxProblems(tree: Tree): Node[] {
  const found: Node[] = [];
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) {
      found.push(node);
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  return found;
}

/** `node` and its ancestors, innermost first. */
export function* ancestorsOf(node: Node): Generator<Node> {
  for (let current: Node | null = node; current !== null; current = current.parent) yield current;
}
