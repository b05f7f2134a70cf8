import type { Node, Tree } from 'web-tree-sitter';
import { loadGrammar, parserFor } from '../../shared/treeSitter.ts';

/** Loaded once when the plugin module loads, so that `Fixer.propose` and `validateSyntax` stay synchronous. */
const GO = await loadGrammar('go');

export function parseGo(text: string): Tree {
  const tree = parserFor(GO).parse(text);
  if (tree === null) throw new Error('tree-sitter returned no tree for a Go file');
  return tree;
}

export const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Statements a guard can go before: members of a block's statement list. */
export function enclosingStatement(node: Node): Node | null {
  let current: Node | null = node;
  while (current !== null) {
    if (current.parent?.type === 'statement_list') return current;
    if (FUNCTION_TYPES.has(current.type)) return null;
    current = current.parent;
  }
  return null;
}

export function enclosingFunction(node: Node): Node | null {
  let current = node.parent;
  while (current !== null && !FUNCTION_TYPES.has(current.type)) current = current.parent;
  return current;
}

/** Every descendant of `root` (itself included) of the given types, in source order. */
export function descendants(root: Node, types: readonly string[]): Node[] {
  return root.descendantsOfType([...types]).filter((n): n is Node => n !== null);
}

/**
 * Nodes of the given types on the frame's 1-based line (Go frames have no column): those that start on it, or,
 * for a statement spanning several lines, those whose first line is it.
 */
export function nodesOnLine(tree: Tree, line: number, types: readonly string[]): Node[] {
  return descendants(tree.rootNode, types).filter((n) => n.startPosition.row === line - 1);
}

/** `a`, `a.b.c`, `a[i]` with pure parts, parenthesised forms: expressions that can be repeated in a guard. */
export function isPureExpression(node: Node): boolean {
  switch (node.type) {
    case 'identifier':
    case 'field_identifier':
    case 'int_literal':
    case 'float_literal':
    case 'interpreted_string_literal':
    case 'raw_string_literal':
    case 'true':
    case 'false':
    case 'nil':
      return true;
    case 'selector_expression':
    case 'parenthesized_expression':
    case 'unary_expression':
    case 'binary_expression':
      return node.namedChildren.every((child) => child !== null && isPureExpression(child));
    case 'index_expression':
      return node.namedChildren.every((child) => child !== null && isPureExpression(child));
    default:
      return false;
  }
}

/** Names the file imports as packages (`fmt`, or the alias), so `fmt.Println` is not taken for a pointer. */
export function importedPackages(tree: Tree): Set<string> {
  const names = new Set<string>();
  for (const spec of descendants(tree.rootNode, ['import_spec'])) {
    const alias = spec.childForFieldName('name');
    const path = spec.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '') ?? '';
    names.add(alias ? alias.text : (path.split('/').pop() ?? path));
  }
  return names;
}

/** The identifier at the root of a selector/index chain (`s` in `s.rates[k].PerKg`). */
export function rootIdentifier(node: Node): Node | null {
  let current: Node | null = node;
  while (current !== null && current.type !== 'identifier') {
    if (current.type === 'selector_expression' || current.type === 'index_expression') {
      current = current.childForFieldName('operand');
    } else if (current.type === 'parenthesized_expression') {
      current = current.namedChild(0);
    } else return null;
  }
  return current;
}

/** Names declared anywhere in a function (parameters, results, locals), to pick fresh names. */
export function declaredNames(fn: Node): Set<string> {
  return new Set(descendants(fn, ['identifier']).map((n) => n.text));
}

export function freshName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}
