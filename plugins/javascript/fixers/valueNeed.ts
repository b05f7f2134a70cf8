import ts from 'typescript';
import { enclosingFunction, isFunctionLike, outermostWrapperOf } from './syntaxQueries.ts';
import { acceptsUndefined, emptyValueOf, isBigIntType, isStringType } from './typeDefaults.ts';

/**
 * What the place an expression's value flows into needs, were the value to become `undefined`:
 * - `accepts-undefined`: it copes (a condition, a comparison, a discarded value, a parameter or return type that
 *   allows it);
 * - `needs-value`: it needs a value and the syntax shows its neutral element (`0` for arithmetic, `''` for
 *   concatenation and templates, `[]` for iteration, the empty value of the declared type of a return, an object
 *   property, an array element or an assigned variable);
 * - `unknown`: it needs a value and nothing visible says which (e.g. an argument of type `number`: only the callee
 *   knows what `0` would mean there).
 */
export type ValueNeed = { kind: 'accepts-undefined' } | { kind: 'needs-value'; fallback: string } | { kind: 'unknown' };

const ACCEPTS: ValueNeed = { kind: 'accepts-undefined' };
const UNKNOWN: ValueNeed = { kind: 'unknown' };

// Following a value through one local variable is what the common `const x = a.b; use(x)` needs; two is a margin.
const MAX_VARIABLE_DEPTH = 2;

export function valueNeedOf(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): ValueNeed {
  const node = outermostWrapperOf(expression);
  const parent = node.parent;
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent) || ts.isTypeOfExpression(parent)) return ACCEPTS;
  if (ts.isDeleteExpression(parent)) return ACCEPTS;
  if (
    (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) &&
    parent.expression === node
  )
    return ACCEPTS;
  if (ts.isForStatement(parent) && parent.condition === node) return ACCEPTS;
  if (ts.isConditionalExpression(parent)) {
    return parent.condition === node ? ACCEPTS : valueNeedOf(parent, checker, depth);
  }
  if (ts.isPrefixUnaryExpression(parent)) {
    if (parent.operator === ts.SyntaxKind.ExclamationToken) return ACCEPTS;
    return numericNeed(node, checker);
  }
  if (ts.isBinaryExpression(parent)) return binaryNeed(node, parent, checker, depth);
  if (ts.isTemplateSpan(parent)) return { kind: 'needs-value', fallback: "''" };
  if (ts.isAwaitExpression(parent)) return valueNeedOf(parent, checker, depth);
  if (ts.isReturnStatement(parent)) {
    const fn = enclosingFunction(parent);
    return fn === undefined ? UNKNOWN : returnNeed(fn, checker);
  }
  if (ts.isArrowFunction(parent) && parent.body === node) return returnNeed(parent, checker);
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node)) {
    return contextualNeed(node, checker);
  }
  if (ts.isSpreadElement(parent) || ts.isForOfStatement(parent)) return { kind: 'needs-value', fallback: '[]' };
  if (ts.isSpreadAssignment(parent)) return ACCEPTS;
  if (ts.isArrayLiteralExpression(parent) || ts.isPropertyAssignment(parent)) return storedNeed(node, checker);
  if (ts.isVariableDeclaration(parent) && parent.initializer === node) return variableNeed(parent, checker, depth);
  return UNKNOWN;
}

function binaryNeed(
  node: ts.Expression,
  parent: ts.BinaryExpression,
  checker: ts.TypeChecker,
  depth: number,
): ValueNeed {
  const operator = parent.operatorToken.kind;
  const isLeft = parent.left === node;
  switch (operator) {
    case ts.SyntaxKind.AmpersandAmpersandToken:
    case ts.SyntaxKind.BarBarToken:
    case ts.SyntaxKind.QuestionQuestionToken:
    case ts.SyntaxKind.CommaToken:
      return isLeft ? ACCEPTS : valueNeedOf(parent, checker, depth);
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
    case ts.SyntaxKind.EqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsToken:
      return ACCEPTS;
    case ts.SyntaxKind.InstanceOfKeyword:
      return isLeft ? ACCEPTS : UNKNOWN;
    case ts.SyntaxKind.EqualsToken:
      return isLeft ? UNKNOWN : storedNeed(node, checker);
    case ts.SyntaxKind.PlusToken:
    case ts.SyntaxKind.PlusEqualsToken: {
      if (isLeft && operator === ts.SyntaxKind.PlusEqualsToken) return UNKNOWN;
      const other = isLeft ? parent.right : parent.left;
      const joinsStrings =
        isStringType(checker.getTypeAtLocation(parent)) || isStringType(checker.getTypeAtLocation(other));
      return joinsStrings ? { kind: 'needs-value', fallback: "''" } : numericNeed(node, checker);
    }
    case ts.SyntaxKind.MinusToken:
    case ts.SyntaxKind.AsteriskToken:
    case ts.SyntaxKind.SlashToken:
    case ts.SyntaxKind.PercentToken:
    case ts.SyntaxKind.AsteriskAsteriskToken:
    case ts.SyntaxKind.MinusEqualsToken:
    case ts.SyntaxKind.AsteriskEqualsToken:
    case ts.SyntaxKind.SlashEqualsToken:
    case ts.SyntaxKind.PercentEqualsToken:
      return isLeft && operator >= ts.SyntaxKind.FirstCompoundAssignment ? UNKNOWN : numericNeed(node, checker);
    default:
      return UNKNOWN;
  }
}

/** Arithmetic: `0`, or `0n` when the value is a BigInt (mixing the two throws a TypeError). */
function numericNeed(node: ts.Expression, checker: ts.TypeChecker): ValueNeed {
  return { kind: 'needs-value', fallback: isBigIntType(checker.getTypeAtLocation(node)) ? '0n' : '0' };
}

/** An argument: fine when the parameter allows `undefined`; otherwise only the callee knows what a default would mean. */
function contextualNeed(node: ts.Expression, checker: ts.TypeChecker): ValueNeed {
  return acceptsUndefined(checker, checker.getContextualType(node)) ? ACCEPTS : UNKNOWN;
}

/**
 * A value stored in a typed place (an object literal's property, an array element, an assigned variable): fine
 * when the type allows `undefined`; otherwise the empty value of that type, as for a declared return type.
 */
function storedNeed(node: ts.Expression, checker: ts.TypeChecker): ValueNeed {
  const type = checker.getContextualType(node);
  if (acceptsUndefined(checker, type)) return ACCEPTS;
  const fallback = type === undefined ? undefined : emptyValueOf(checker, type);
  return fallback === undefined ? UNKNOWN : { kind: 'needs-value', fallback };
}

/** A returned value: fine when the declared return type allows `undefined` or there is none (as the brief asks). */
function returnNeed(fn: ts.SignatureDeclaration, checker: ts.TypeChecker): ValueNeed {
  if (fn.type === undefined) return ACCEPTS;
  let type = checker.getTypeFromTypeNode(fn.type);
  if (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async)
    type = checker.getAwaitedType(type) ?? type;
  if (acceptsUndefined(checker, type)) return ACCEPTS;
  const fallback = emptyValueOf(checker, type);
  return fallback === undefined ? UNKNOWN : { kind: 'needs-value', fallback };
}

/**
 * `const x = <value>`: a declared type decides if it allows `undefined`; otherwise every read of `x` must agree
 * (all cope with `undefined`, or all need a value with the same neutral element).
 */
function variableNeed(declaration: ts.VariableDeclaration, checker: ts.TypeChecker, depth: number): ValueNeed {
  if (declaration.type !== undefined) {
    if (acceptsUndefined(checker, checker.getTypeFromTypeNode(declaration.type))) return ACCEPTS;
  }
  if (!ts.isIdentifier(declaration.name) || depth >= MAX_VARIABLE_DEPTH) return UNKNOWN;
  const symbol = checker.getSymbolAtLocation(declaration.name);
  if (symbol === undefined) return UNKNOWN;
  const needs = readsOf(declaration.name, symbol, checker).map((read) => valueNeedOf(read, checker, depth + 1));
  return combineNeeds(needs);
}

function combineNeeds(needs: ValueNeed[]): ValueNeed {
  let fallback: string | undefined;
  for (const need of needs) {
    if (need.kind === 'unknown') return UNKNOWN;
    if (need.kind === 'needs-value') {
      if (fallback !== undefined && fallback !== need.fallback) return UNKNOWN;
      fallback = need.fallback;
    }
  }
  return fallback === undefined ? ACCEPTS : { kind: 'needs-value', fallback };
}

/** Identifiers that read the variable `symbol` (writes with `=` excluded), in its declaring file. */
function readsOf(name: ts.Identifier, symbol: ts.Symbol, checker: ts.TypeChecker): ts.Identifier[] {
  const reads: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node !== name && node.text === name.text) {
      const parent = node.parent;
      const isReference = !(ts.isPropertyAccessExpression(parent) && parent.name === node) && !isFunctionLike(parent);
      const resolved = ts.isShorthandPropertyAssignment(parent)
        ? checker.getShorthandAssignmentValueSymbol(parent)
        : checker.getSymbolAtLocation(node);
      if (isReference && resolved === symbol) {
        const plainWrite =
          ts.isBinaryExpression(parent) &&
          parent.left === node &&
          parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
        if (!plainWrite) reads.push(node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(name.getSourceFile());
  return reads;
}
