import type { Node } from 'web-tree-sitter';

/** Containers whose children are statements that can have another statement inserted before them. */
const STATEMENT_CONTAINERS = new Set(['block', 'constructor_body', 'switch_block_statement_group']);
/** Boundaries a guard must not cross: code inside them runs at another time than the enclosing statement. */
const DEFERRED = new Set(['lambda_expression', 'class_body', 'method_declaration', 'constructor_declaration']);
const CALLABLES = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']);

/** The statement directly inside a block that contains `node`; null when a lambda or class body lies between. */
export function enclosingStatement(node: Node): Node | null {
  let current: Node | null = node;
  while (current !== null) {
    const parent: Node | null = current.parent;
    if (parent === null) return null;
    if (STATEMENT_CONTAINERS.has(parent.type) && current.isNamed && current.type !== 'switch_label') return current;
    if (DEFERRED.has(parent.type) || DEFERRED.has(current.type)) return null;
    current = parent;
  }
  return null;
}

/** The method, constructor or lambda the node is in. */
export function enclosingCallable(node: Node): Node | null {
  let current = node.parent;
  while (current !== null && !CALLABLES.has(current.type)) current = current.parent;
  return current;
}

/** `void`, `int`, `List<String>`...; null for constructors and lambdas (no declared return type). */
export function returnTypeOf(callable: Node | null): string | null {
  if (callable?.type !== 'method_declaration') return null;
  return callable.childForFieldName('type')?.text ?? null;
}

/**
 * Expressions a guard may repeat: reading them again has no side effect and yields the same value (names, field
 * reads, `array.length`, literals, `size()`/`length()`/`isEmpty()` calls and arithmetic over those).
 */
export function isRepeatable(node: Node): boolean {
  switch (node.type) {
    case 'identifier':
    case 'this':
    case 'decimal_integer_literal':
    case 'hex_integer_literal':
    case 'string_literal':
    case 'character_literal':
    case 'true':
    case 'false':
    case 'null_literal':
      return true;
    case 'field_access':
      return isRepeatable(node.childForFieldName('object')!);
    case 'parenthesized_expression':
      return node.namedChildren.every((c) => c !== null && isRepeatable(c));
    case 'binary_expression':
      return isRepeatable(node.childForFieldName('left')!) && isRepeatable(node.childForFieldName('right')!);
    case 'unary_expression':
      return isRepeatable(node.childForFieldName('operand')!);
    case 'method_invocation': {
      const object = node.childForFieldName('object');
      const name = node.childForFieldName('name')?.text ?? '';
      const args = node.childForFieldName('arguments');
      return (
        object !== null &&
        isRepeatable(object) &&
        ['size', 'length', 'isEmpty'].includes(name) &&
        args?.namedChildCount === 0
      );
    }
    default:
      return false;
  }
}

/** Simple names an expression reads (`a.b[i]` reads `a` and `i`). */
export function namesRead(node: Node): string[] {
  if (node.type === 'identifier') return [node.text];
  if (node.type === 'field_access') return namesRead(node.childForFieldName('object')!);
  return node.namedChildren.flatMap((c) => (c === null || c.type === 'type_arguments' ? [] : namesRead(c)));
}

/** Names a statement declares for code after it (a local declaration) or inside it (for headers, patterns). */
export function namesDeclaredBy(statement: Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node): void => {
    if (
      node.type === 'variable_declarator' ||
      node.type === 'enhanced_for_statement' ||
      node.type === 'catch_formal_parameter'
    ) {
      const name = node.childForFieldName('name');
      if (name) names.add(name.text);
    }
    if (node.type === 'lambda_expression') {
      const params = node.childForFieldName('parameters');
      if (params?.type === 'identifier') names.add(params.text);
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(statement);
  return names;
}

/**
 * True when `inner` is evaluated inside a loop, lambda or conditional branch of `statement` (or not at all, or more
 * than once, each time the statement runs): a guard before the statement would then test the wrong thing.
 */
export function isConditionallyEvaluated(statement: Node, inner: Node): boolean {
  const within = (outer: Node | null): boolean =>
    outer !== null && outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
  if (['if_statement', 'while_statement', 'switch_expression'].includes(statement.type)) {
    return !within(statement.childForFieldName('condition'));
  }
  if (
    [
      'for_statement',
      'enhanced_for_statement',
      'do_statement',
      'try_statement',
      'synchronized_statement',
      'labeled_statement',
    ].includes(statement.type)
  ) {
    return statement.type !== 'enhanced_for_statement' || !within(statement.childForFieldName('value'));
  }
  for (let node = inner.parent; node !== null && node.id !== statement.id; node = node.parent) {
    if (
      [
        'lambda_expression',
        'ternary_expression',
        'for_statement',
        'enhanced_for_statement',
        'while_statement',
        'do_statement',
        'if_statement',
        'switch_expression',
        'try_statement',
        'class_body',
      ].includes(node.type)
    ) {
      return true;
    }
    if (node.type === 'binary_expression' && ['&&', '||'].includes(node.childForFieldName('operator')?.text ?? '')) {
      const left = node.childForFieldName('left');
      if (left && !(left.startIndex <= inner.startIndex && inner.endIndex <= left.endIndex)) return true;
    }
  }
  return false;
}
