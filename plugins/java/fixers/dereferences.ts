import type { Node } from 'web-tree-sitter';
import { declarationOf } from './declarations.ts';
import { callName, type FixSite, nodesOnLine } from './fixSite.ts';

/** A place on the frame's line where a value is used in a way that throws when it is null. */
export interface Dereference {
  /** The expression that may be null (`customer`, `this.address`, `order.lines`). */
  value: Node;
  /** The operation that dereferences it (the call, field read, array access, for-each or the unboxing use). */
  at: Node;
}

const ANCHORS: Readonly<Record<string, (node: Node) => Node | null>> = {
  method_invocation: callName,
  field_access: (node) => node.childForFieldName('field'),
  array_access: (node) => node.childForFieldName('index'),
  enhanced_for_statement: (node) => node.childForFieldName('value'),
};

/** Calls, field reads, array accesses and for-each loops on the line, with the value each dereferences. */
export function dereferencesOnLine(site: FixSite): Dereference[] {
  const out: Dereference[] = [];
  for (const node of nodesOnLine(site, Object.keys(ANCHORS), (n) => ANCHORS[n.type]!(n))) {
    const field = node.type === 'array_access' ? 'array' : node.type === 'enhanced_for_statement' ? 'value' : 'object';
    const value = node.childForFieldName(field);
    if (value === null || value.type === 'this' || value.type === 'super') continue;
    out.push({ value, at: node });
  }
  return out;
}

/**
 * Uses of a boxed variable that unbox it (`quantity * 2`, `if (enabled)`, `int n = count`): the JVM reports them as
 * a call of `intValue()` on the variable, but the source has no call.
 */
export function unboxingUsesOnLine(site: FixSite, name: string): Dereference[] {
  return nodesOnLine(site, ['identifier']).flatMap((node) => {
    if (node.text !== name) return [];
    const parent = node.parent;
    if (parent === null) return [];
    // Declarations, assignment targets and the `name` of a call or field are not reads of the variable.
    if (parent.type === 'variable_declarator' && parent.childForFieldName('name')?.id === node.id) return [];
    if (parent.type === 'assignment_expression' && parent.childForFieldName('left')?.id === node.id) return [];
    if (
      (parent.type === 'method_invocation' || parent.type === 'field_access') &&
      parent.childForFieldName('object')?.id !== node.id
    ) {
      return [];
    }
    return [{ value: node, at: parent }];
  });
}

/** `<local4>`, `<parameter1>`: javac left out the local variable table, so the JVM could not name the value. */
export function isAnonymousSlot(capture: string): boolean {
  return /^<(?:local|parameter)\d+>$/.test(capture);
}

/** Whether an identifier can be the slot the JVM printed: `<parameterN>` is a parameter, `<localN>` a local. */
export function fitsAnonymousSlot(identifier: Node, capture: string): boolean {
  const kind = declarationOf(identifier.text, identifier)?.kind;
  return capture.startsWith('<parameter') ? kind === 'parameter' : kind === 'local' || kind === 'parameter';
}

/**
 * Whether an expression of the source is the value the JVM named: `customer`, `this.address` (printed
 * `this.address` or `address`), `customer.address`, or a static field printed with its class
 * (`com.acme.Rates.TABLE` for `TABLE` or `Rates.TABLE`). The capture is only compared, never copied.
 */
export function isNamedValue(expression: Node, capture: string): boolean {
  const text = expression.text.replace(/\s+/g, '').replace(/^this\./, '');
  const named = capture.replace(/^this\./, '');
  if (text === named) return true;
  return (expression.type === 'identifier' || expression.type === 'field_access') && named.endsWith(`.${text}`);
}
