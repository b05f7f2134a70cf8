import type { Node } from 'web-tree-sitter';
import { namesRead } from './javaSyntax.ts';

export interface Declaration {
  name: string;
  /** Declared type as written (`Map<String, Integer>`), null for `var` and untyped lambda parameters. */
  type: string | null;
  kind: 'local' | 'parameter' | 'field';
  node: Node;
  /** The declaration carries `final`. */
  isFinal: boolean;
}

/** Where the simple name `name` visible at `at` is declared: locals before it, parameters, then fields. */
export function declarationOf(name: string, at: Node): Declaration | null {
  let child: Node = at;
  let scope: Node | null = at.parent;
  while (scope !== null) {
    const found = declarationIn(scope, child, name);
    if (found) return found;
    child = scope;
    scope = scope.parent;
  }
  return null;
}

function declarationIn(scope: Node, child: Node, name: string): Declaration | null {
  switch (scope.type) {
    case 'block':
    case 'constructor_body':
    case 'switch_block_statement_group':
      for (const statement of scope.namedChildren) {
        if (statement === null || statement.startIndex >= child.startIndex) break;
        if (statement.type === 'local_variable_declaration') {
          const found = fromDeclarators(statement, name, 'local');
          if (found) return found;
        }
      }
      return null;
    case 'method_declaration':
    case 'constructor_declaration':
    case 'lambda_expression': {
      const params = scope.childForFieldName('parameters');
      if (params?.type === 'identifier') {
        return params.text === name ? { name, type: null, kind: 'parameter', node: params, isFinal: false } : null;
      }
      for (const param of params?.namedChildren ?? []) {
        if (param === null) continue;
        if (param.type === 'identifier' && param.text === name) {
          return { name, type: null, kind: 'parameter', node: param, isFinal: false };
        }
        if ((param.type === 'formal_parameter' || param.type === 'spread_parameter') && paramName(param) === name) {
          return { name, type: typeText(param), kind: 'parameter', node: param, isFinal: hasFinal(param) };
        }
      }
      return null;
    }
    case 'enhanced_for_statement':
      if (scope.childForFieldName('name')?.text === name && child.id === scope.childForFieldName('body')?.id) {
        return { name, type: typeText(scope), kind: 'local', node: scope, isFinal: hasFinal(scope) };
      }
      return null;
    case 'for_statement':
      for (const init of scope.childrenForFieldName('init')) {
        if (init?.type === 'local_variable_declaration') {
          const found = fromDeclarators(init, name, 'local');
          if (found) return found;
        }
      }
      return null;
    case 'catch_clause': {
      const param = scope.namedChildren.find((c) => c?.type === 'catch_formal_parameter');
      if (param?.childForFieldName('name')?.text === name) {
        return { name, type: null, kind: 'local', node: param, isFinal: false };
      }
      return null;
    }
    case 'class_body':
    case 'enum_body_declarations':
      for (const member of scope.namedChildren) {
        if (member?.type === 'field_declaration') {
          const found = fromDeclarators(member, name, 'field');
          if (found) return found;
        }
      }
      return null;
    default:
      return null;
  }
}

function fromDeclarators(declaration: Node, name: string, kind: 'local' | 'field'): Declaration | null {
  for (const declarator of declaration.childrenForFieldName('declarator')) {
    if (declarator?.childForFieldName('name')?.text === name) {
      // `int a[]` declares an array through the declarator's dimensions.
      const dims = declarator.childForFieldName('dimensions')?.text ?? '';
      const type = typeText(declaration);
      return {
        name,
        type: type === null ? null : `${type}${dims}`,
        kind,
        node: declaration,
        isFinal: hasFinal(declaration),
      };
    }
  }
  return null;
}

function paramName(param: Node): string | null {
  const name = param.childForFieldName('name');
  if (name) return name.text;
  const declarator = param.namedChildren.find((c) => c?.type === 'variable_declarator');
  return declarator?.childForFieldName('name')?.text ?? null;
}

function typeText(node: Node): string | null {
  const type = node.childForFieldName('type');
  if (!type || type.text === 'var') return null;
  const dims = node.childForFieldName('dimensions')?.text ?? '';
  return `${type.text}${dims}`;
}

function hasFinal(node: Node): boolean {
  return node.namedChildren.some((c) => c?.type === 'modifiers' && /\bfinal\b/.test(c.text));
}

/** True when every name the expression reads is a parameter of the method it is in (the caller supplied it). */
export function readsOnlyParameters(expression: Node): boolean {
  const names = namesRead(expression);
  return names.length > 0 && names.every((name) => declarationOf(name, expression)?.kind === 'parameter');
}

/** Whether the file imports `java.util.Objects` (or `java.util.*`), so `Objects.` can be written unqualified. */
export function importsType(root: Node, qualified: string): boolean {
  const pkg = qualified.slice(0, qualified.lastIndexOf('.'));
  return root.namedChildren.some(
    (c) => c?.type === 'import_declaration' && (c.text.includes(` ${qualified};`) || c.text.includes(` ${pkg}.*;`)),
  );
}
