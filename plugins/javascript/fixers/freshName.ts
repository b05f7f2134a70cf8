import ts from 'typescript';
import { isPlainIdentifier } from './describeExpression.ts';
import { unwrapExpression } from './syntaxQueries.ts';

// Reserved words and globals a new local must not shadow or collide with.
const TAKEN = new Set([
  'arguments',
  'await',
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'eval',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'implements',
  'import',
  'in',
  'instanceof',
  'interface',
  'let',
  'new',
  'null',
  'package',
  'private',
  'protected',
  'public',
  'return',
  'static',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'undefined',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'console',
  'process',
  'JSON',
  'Math',
  'Object',
  'Array',
  'String',
  'Number',
  'Error',
]);

/** Every identifier spelled anywhere in the file. */
function identifiersOf(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

/** `base`, or `base2`, `base3`... : the first spelling no identifier of the file uses, so nothing is shadowed. */
export function freshName(sourceFile: ts.SourceFile, base: string): string {
  const used = identifiersOf(sourceFile);
  const stem = isPlainIdentifier(base) && !TAKEN.has(base) ? base : 'value';
  if (!used.has(stem)) return stem;
  for (let i = 2; ; i++) if (!used.has(`${stem}${i}`)) return `${stem}${i}`;
}

function lowerCamel(name: string): string {
  if (/^[A-Z0-9_$]+$/.test(name)) {
    const words = name.toLowerCase().split('_').filter(Boolean);
    return words.map((word, i) => (i === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('') || name;
  }
  return name[0]!.toLowerCase() + name.slice(1);
}

/**
 * A name for a value pulled out of an expression, from the identifiers in it: `DISCOUNTS[code]` -> `discountsEntry`,
 * `getCustomer(id)` -> `customer`, `loadOrder(id)` -> `order`, `user.address` -> `address`.
 */
export function nameForValueOf(expression: ts.Expression): string {
  const node = unwrapExpression(expression);
  if (ts.isElementAccessExpression(node)) {
    const base = lastNameOf(node.expression);
    return base === undefined ? 'entry' : `${lowerCamel(base)}Entry`;
  }
  if (ts.isCallExpression(node)) {
    const callee = lastNameOf(node.expression);
    if (callee === undefined) return 'result';
    const noun = /^(?:get|find|load|fetch|lookup|read|parse)([A-Z].*)$/.exec(callee)?.[1];
    return noun === undefined ? `${lowerCamel(callee)}Result` : lowerCamel(noun);
  }
  const name = lastNameOf(node);
  return name === undefined ? 'value' : lowerCamel(name);
}

function lastNameOf(expression: ts.Expression): string | undefined {
  const node = unwrapExpression(expression);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) return node.name.text;
  if (ts.isElementAccessExpression(node) || ts.isCallExpression(node)) return lastNameOf(node.expression);
  return undefined;
}
