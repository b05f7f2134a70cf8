import type { Node } from 'web-tree-sitter';

/**
 * True when the subscript is a target (`d[k] = v`, `d[k] += 1`, `del d[k]`, `a, d[k] = ...`): it cannot be rewritten
 * as an expression, and a guard there is the business of another rule (assignment past the end of a list).
 */
export function isStoreTarget(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'assignment' || parent.type === 'augmented_assignment') {
    return parent.childForFieldName('left')?.id === node.id;
  }
  return parent.type === 'delete_statement' || parent.type === 'pattern_list' || parent.type === 'tuple_pattern';
}
