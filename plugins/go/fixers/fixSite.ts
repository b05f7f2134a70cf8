import type { Node, Tree } from 'web-tree-sitter';
import type { FixContext } from '../../../core/patch/candidate.ts';
import { ensureImport, type TextEdit } from './goEdits.ts';
import { descendants, enclosingStatement, parseGo, rootIdentifier } from './goSyntax.ts';
import type { GuardExit } from './goTypes.ts';

/** The parsed target file of a fix. */
export interface GoFixSite {
  ctx: FixContext;
  tree: Tree;
  source: string;
}

export function openGoSite(ctx: FixContext): GoFixSite | null {
  if (!ctx.target.path.endsWith('.go')) return null;
  const tree = parseGo(ctx.source);
  if (tree.rootNode.hasError) return null;
  return { ctx, tree, source: ctx.source };
}

/** Nodes of the given types that start on the frame's line. */
export function onTargetLine(site: GoFixSite, types: readonly string[]): Node[] {
  const row = site.ctx.target.line - 1;
  return descendants(site.tree.rootNode, types).filter((n) => n.startPosition.row === row);
}

/**
 * Whether the statement a guard would precede declares a name the guarded expression uses (`c := load(); c.X`
 * on one line): the guard would then refer to a name not yet declared.
 */
export function declaresRootOf(statement: Node, expr: Node): boolean {
  const root = rootIdentifier(expr)?.text;
  if (root === undefined) return false;
  return descendants(statement, ['short_var_declaration', 'range_clause']).some((decl) =>
    (decl.childForFieldName('left')?.namedChildren ?? []).some((n) => n?.text === root),
  );
}

/** The statement to guard for `expr`, or null when a guard cannot go before it. */
export function guardableStatement(expr: Node): Node | null {
  const statement = enclosingStatement(expr);
  if (statement === null || declaresRootOf(statement, expr)) return null;
  return statement;
}

/** The guard's exit plus the import edits it needs. */
export function exitEdits(site: GoFixSite, exit: GuardExit): TextEdit[] {
  return exit.imports.map((path) => ensureImport(site.tree, path)).filter((e): e is TextEdit => e !== null);
}

/** `(a - b)` for compound expressions repeated inside a comparison. */
export function operandText(node: Node): string {
  return node.type === 'binary_expression' ? `(${node.text})` : node.text;
}
