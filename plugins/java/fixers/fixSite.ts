import type { Node, Tree } from 'web-tree-sitter';
import type { FixContext } from '../../../core/patch/candidate.ts';
import { parseJava } from './javaTree.ts';

/** The parsed target file and the 0-based row the frame points to. */
export interface FixSite {
  ctx: FixContext;
  tree: Tree;
  root: Node;
  source: string;
  row: number;
}

/** `null` when the file does not parse cleanly: a fixer must not guess its way through broken code. */
export function openFixSite(ctx: FixContext): FixSite | null {
  const tree = parseJava(ctx.source);
  if (tree.rootNode.hasError) return null;
  const row = ctx.target.line - 1;
  if (row < 0 || row > tree.rootNode.endPosition.row) return null;
  return { ctx, tree, root: tree.rootNode, source: ctx.source, row };
}

/**
 * Nodes of the given types whose anchor is on the frame's line, in source order. The anchor is the token the JVM's
 * line table attributes the operation to (a call's name, an operator, an array's `[`), so a call split over lines is
 * found on the line of its name. Only subtrees spanning the row are visited.
 */
export function nodesOnLine(
  site: FixSite,
  types: readonly string[],
  anchor: (node: Node) => Node | null = (n) => n,
): Node[] {
  const found: Node[] = [];
  const visit = (node: Node): void => {
    if (node.startPosition.row > site.row || node.endPosition.row < site.row) return;
    if (types.includes(node.type)) {
      const at = anchor(node);
      if (at !== null && at.startPosition.row === site.row) found.push(node);
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(site.root);
  return found.sort((a, b) => a.startIndex - b.startIndex);
}

/** Anchor of a method call: its name (`a\n  .get(k)` is attributed to the line of `get`). */
export function callName(node: Node): Node | null {
  return node.childForFieldName('name');
}

/** Anchor of a binary expression: its operator token. */
export function operatorOf(node: Node): Node | null {
  return node.childForFieldName('operator');
}
