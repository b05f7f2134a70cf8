import type { Node, Tree } from 'web-tree-sitter';
import { descendants, enclosingFunction } from './goSyntax.ts';

const NUMERIC = new Set([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'float32',
  'float64',
  'complex64',
  'complex128',
  'byte',
  'rune',
]);
const NIL_KINDS = new Set([
  'pointer_type',
  'map_type',
  'slice_type',
  'channel_type',
  'function_type',
  'interface_type',
]);
/** Standard-library types whose zero value the fixers may write without reading their package. */
const KNOWN_QUALIFIED: Readonly<Record<string, string>> = { 'time.Duration': '0', 'time.Time': 'time.Time{}' };

/** How a guard leaves a function: its `return` statement and the imports that statement needs. */
export interface GuardExit {
  statement: string;
  imports: string[];
}

/** The Go zero value of a type, or null when it cannot be written without knowing more (a type of another file). */
export function zeroValueOf(type: Node, tree: Tree): string | null {
  if (NIL_KINDS.has(type.type)) return 'nil';
  if (type.type === 'struct_type' || type.type === 'array_type') return `${type.text}{}`;
  if (type.type === 'qualified_type') return KNOWN_QUALIFIED[type.text] ?? null;
  if (type.type !== 'type_identifier') return null;
  const name = type.text;
  if (NUMERIC.has(name)) return '0';
  if (name === 'string') return '""';
  if (name === 'bool') return 'false';
  if (name === 'error' || name === 'any') return 'nil';
  const declared = descendants(tree.rootNode, ['type_spec']).find(
    (spec) => spec.childForFieldName('name')?.text === name,
  );
  const underlying = declared?.childForFieldName('type');
  if (!underlying) return null;
  if (underlying.type === 'struct_type') return `${name}{}`;
  return underlying.type === 'type_identifier' && underlying.text === name ? null : zeroValueOf(underlying, tree);
}

/** Result types of a function, one entry per value (`(a, b int)` gives two). */
export function resultTypes(fn: Node): Node[] {
  const result = fn.childForFieldName('result');
  if (!result) return [];
  if (result.type !== 'parameter_list') return [result];
  const types: Node[] = [];
  for (const param of result.namedChildren) {
    if (param?.type !== 'parameter_declaration') continue;
    const type = param.childForFieldName('type');
    if (!type) continue;
    const names = param.childrenForFieldName('name').length;
    for (let i = 0; i < Math.max(1, names); i++) types.push(type);
  }
  return types;
}

/**
 * `return` with the zero value of each result, and for a result of type `error` an error that says what was
 * missing (`why` is built from the code's own names). Null when a result type has no writable zero value.
 */
export function guardExit(fn: Node, tree: Tree, why: string): GuardExit | null {
  const types = resultTypes(fn);
  if (types.length === 0) return { statement: 'return', imports: [] };
  const values: string[] = [];
  let usesErrors = false;
  for (const type of types) {
    if (type.type === 'type_identifier' && type.text === 'error') {
      values.push(`errors.New(${JSON.stringify(why)})`);
      usesErrors = true;
      continue;
    }
    const zero = zeroValueOf(type, tree);
    if (zero === null) return null;
    values.push(zero);
  }
  return { statement: `return ${values.join(', ')}`, imports: usesErrors ? ['errors'] : [] };
}

/** A name for messages: the function's own (`Quote`, `(*Book).Add` as `Add`), or `func` for a literal. */
export function functionLabel(fn: Node): string {
  return fn.childForFieldName('name')?.text ?? 'func';
}

/** The declared type of an expression when the file says it: locals, parameters, package vars, struct fields. */
export function typeOfExpression(expr: Node, tree: Tree): Node | null {
  if (expr.type === 'parenthesized_expression') {
    const inner = expr.namedChild(0);
    return inner ? typeOfExpression(inner, tree) : null;
  }
  if (expr.type === 'index_expression') {
    const operand = expr.childForFieldName('operand');
    const mapType = operand ? typeOfExpression(operand, tree) : null;
    return mapType?.type === 'map_type' ? mapType.childForFieldName('value') : null;
  }
  if (expr.type === 'selector_expression') {
    const field = expr.childForFieldName('field')?.text;
    const declaration = descendants(tree.rootNode, ['field_declaration']).find((d) =>
      d.childrenForFieldName('name').some((n) => n.text === field),
    );
    return declaration?.childForFieldName('type') ?? null;
  }
  if (expr.type !== 'identifier') return null;
  const scopes = [enclosingFunction(expr), tree.rootNode].filter((n): n is Node => n !== null);
  for (const scope of scopes) {
    const found = declaredType(scope, expr.text, expr.startIndex, tree);
    if (found) return found;
  }
  return null;
}

function declaredType(scope: Node, name: string, before: number, tree: Tree): Node | null {
  for (const param of descendants(scope, ['parameter_declaration'])) {
    if (param.childrenForFieldName('name').some((n) => n.text === name)) return param.childForFieldName('type');
  }
  for (const spec of descendants(scope, ['var_spec'])) {
    if (!spec.childrenForFieldName('name').some((n) => n.text === name)) continue;
    const type = spec.childForFieldName('type');
    if (type) return type;
    const value = spec.childForFieldName('value')?.namedChild(0);
    if (value) return typeOfValue(value, tree);
  }
  for (const decl of descendants(scope, ['short_var_declaration'])) {
    if (decl.startIndex > before) continue;
    const left = decl.childForFieldName('left')?.namedChildren ?? [];
    const index = left.findIndex((n) => n?.text === name);
    const value = decl.childForFieldName('right')?.namedChildren[index];
    if (index !== -1 && value && left.length === 1) return typeOfValue(value, tree);
  }
  return null;
}

/** `map[K]V{...}`, `make(map[K]V)` and `m[k]` (the map's value type) say their type. */
function typeOfValue(value: Node, tree: Tree): Node | null {
  if (value.type === 'index_expression') return typeOfExpression(value, tree);
  if (value.type === 'unary_expression' && value.child(0)?.type === '&') return null;
  if (value.type === 'composite_literal') return value.childForFieldName('type');
  if (value.type === 'call_expression' && value.childForFieldName('function')?.text === 'make') {
    return value.childForFieldName('arguments')?.namedChild(0) ?? null;
  }
  return null;
}
