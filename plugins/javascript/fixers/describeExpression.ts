import ts from 'typescript';
import { unwrapExpression } from './syntaxQueries.ts';

// Letters, digits, `_` and `$` only: what an identifier is made of, and nothing a string literal or a comment could
// be broken out of.
const IDENTIFIER = /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]*$/u;

const ARITHMETIC = new Set([
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken,
]);

export function isPlainIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * Words for an expression built only from the identifier names and numbers in it and fixed punctuation (`a.b`,
 * `a[key]`, `f()`, `a.length - 1`), for messages and descriptions. Strings and other text are left out: `undefined`
 * when nothing is left to say.
 */
export function describeExpression(expression: ts.Expression): string | undefined {
  const node = unwrapExpression(expression);
  if (ts.isIdentifier(node)) return isPlainIdentifier(node.text) ? node.text : undefined;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(node)) {
    const name = ts.isIdentifier(node.name) && isPlainIdentifier(node.name.text) ? node.name.text : undefined;
    const base = describeExpression(node.expression);
    if (name === undefined) return base;
    return base === undefined ? name : `${base}.${name}`;
  }
  if (ts.isElementAccessExpression(node)) {
    const base = describeExpression(node.expression);
    const key = describeExpression(node.argumentExpression);
    if (base === undefined) return undefined;
    return `${base}[${key ?? '…'}]`;
  }
  if (ts.isNumericLiteral(node)) return /^[\w.]+$/.test(node.text) ? node.text : undefined;
  if (ts.isBinaryExpression(node) && ARITHMETIC.has(node.operatorToken.kind)) {
    const left = describeExpression(node.left);
    const right = describeExpression(node.right);
    return left === undefined || right === undefined
      ? undefined
      : `${left} ${ts.tokenToString(node.operatorToken.kind)} ${right}`;
  }
  if (ts.isCallExpression(node)) {
    const callee = describeExpression(node.expression);
    if (callee === undefined) return undefined;
    const args = node.arguments.map((argument) => describeExpression(argument) ?? '…');
    return `${callee}(${args.join(', ')})`;
  }
  return undefined;
}

/** A single-quoted string literal. Messages are built from identifiers, but the quoting does not rely on it. */
export function stringLiteral(text: string): string {
  const escaped = text.replace(/[\\'\n\r\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `'${escaped}'`;
}
