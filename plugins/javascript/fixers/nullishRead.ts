import ts from 'typescript';
import { candidatesAtSite, captureOf, type FixSite } from './fixSite.ts';
import { isAssignmentTarget, outermostWrapperOf, unwrapExpression } from './syntaxQueries.ts';

export type MemberAccess = ts.PropertyAccessExpression | ts.ElementAccessExpression;

/** What an operand that was `undefined`/`null` was used as: an object (`Object.keys(x)`, `k in x`) or an iterable. */
export type OperandUse = 'object' | 'iterable';

/**
 * Where a value was `undefined` or `null` and something used it (V8: `Cannot read properties of undefined (reading
 * 'x')`, `Cannot set properties of null (setting 'x')`, `Cannot destructure property 'x' of 'y' as it is undefined.`,
 * `Cannot convert undefined or null to object`, `x is not iterable`, `Cannot use 'in' operator to search for 'k' in
 * undefined`). `receiver` is the expression that held the nullish value.
 */
export type NullishRead =
  | { kind: 'member'; access: MemberAccess; receiver: ts.Expression }
  | { kind: 'destructure'; declaration: ts.VariableDeclaration; receiver: ts.Expression }
  | { kind: 'operand'; use: OperandUse; receiver: ts.Expression };

// Object.* functions that throw `Cannot convert undefined or null to object` for a nullish first argument.
const OBJECT_FUNCTIONS = new Set([
  'keys',
  'values',
  'entries',
  'getOwnPropertyNames',
  'getOwnPropertySymbols',
  'assign',
]);

type Operand = ts.CallExpression | ts.ForOfStatement | ts.SpreadElement | ts.BinaryExpression;
type Candidate = MemberAccess | ts.VariableDeclaration | Operand;

function isMember(node: ts.Node): node is MemberAccess {
  return (
    (ts.isPropertyAccessExpression(node) && !ts.isPrivateIdentifier(node.name)) || ts.isElementAccessExpression(node)
  );
}

function isOperand(node: ts.Node): node is Operand {
  if (ts.isForOfStatement(node) || ts.isSpreadElement(node)) return true;
  if (ts.isBinaryExpression(node)) return node.operatorToken.kind === ts.SyntaxKind.InKeyword;
  if (!ts.isCallExpression(node) || node.arguments.length === 0) return false;
  const callee = node.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Object' &&
    OBJECT_FUNCTIONS.has(callee.name.text)
  );
}

function isCandidate(node: ts.Node): node is Candidate {
  if (isMember(node) || isOperand(node)) return true;
  return ts.isVariableDeclaration(node) && !ts.isIdentifier(node.name) && node.initializer !== undefined;
}

function operandOf(node: Operand): ts.Expression {
  if (ts.isCallExpression(node)) return node.arguments[0]!;
  if (ts.isBinaryExpression(node)) return node.right;
  return node.expression;
}

function receiverOf(node: Candidate): ts.Expression {
  if (ts.isVariableDeclaration(node)) return node.initializer!;
  if (isMember(node)) return node.expression;
  return operandOf(node);
}

/**
 * Where V8 puts the column: the property name of a read, the `[` of an element access, the `=` of a write, a
 * destructured name (or the value, for array patterns), the callee name of `Object.keys(x)` and of a call spreading
 * `x`, the `in` operator, and the last name of an iterated expression.
 */
function keyPositionsOf(sourceFile: ts.SourceFile) {
  // V8 points at the start of the iterated value or at its last name (`items` in `a.lines || a.items`).
  const endOf = (expression: ts.Expression): number[] => {
    const node = unwrapExpression(expression);
    const keys = [node.getStart(sourceFile)];
    if (ts.isPropertyAccessExpression(node)) keys.push(node.name.getStart(sourceFile));
    if (ts.isCallExpression(node)) keys.push(...endOf(node.expression));
    if (ts.isBinaryExpression(node)) keys.push(...endOf(node.right));
    if (ts.isConditionalExpression(node)) keys.push(...endOf(node.whenTrue), ...endOf(node.whenFalse));
    return keys;
  };
  return (node: Candidate): number[] => {
    if (ts.isVariableDeclaration(node)) {
      const names = bindingNamesOf(node.name).map((element) => element.getStart(sourceFile));
      return ts.isArrayBindingPattern(node.name) ? [...names, node.initializer!.getStart(sourceFile)] : names;
    }
    if (ts.isCallExpression(node)) return [(node.expression as ts.PropertyAccessExpression).name.getStart(sourceFile)];
    if (ts.isBinaryExpression(node)) return [node.operatorToken.getStart(sourceFile)];
    if (ts.isForOfStatement(node)) return endOf(node.expression);
    if (ts.isSpreadElement(node)) {
      const call = node.parent;
      const callee = ts.isCallExpression(call) ? unwrapExpression(call.expression) : undefined;
      const calleeKey =
        callee === undefined
          ? []
          : [ts.isPropertyAccessExpression(callee) ? callee.name.getStart(sourceFile) : callee.getStart(sourceFile)];
      return [...endOf(node.expression), ...calleeKey];
    }
    const keys = [memberKeyPosition(node, sourceFile)];
    const top = outermostWrapperOf(node);
    if (ts.isBinaryExpression(top.parent) && top.parent.left === top && isAssignmentTarget(node)) {
      keys.push(top.parent.operatorToken.getStart(sourceFile));
    }
    return keys;
  };
}

function memberKeyPosition(node: MemberAccess, sourceFile: ts.SourceFile): number {
  if (ts.isPropertyAccessExpression(node)) return node.name.getStart(sourceFile);
  const bracket = node.getChildren(sourceFile).find((child) => child.kind === ts.SyntaxKind.OpenBracketToken);
  return bracket ? bracket.getStart(sourceFile) : node.argumentExpression.getStart(sourceFile);
}

function bindingNamesOf(pattern: ts.BindingName): ts.Node[] {
  if (ts.isIdentifier(pattern)) return [pattern];
  const names: ts.Node[] = [];
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue;
    names.push(element.propertyName ?? element.name);
  }
  return names;
}

/** The property a member access reads, when the source spells it (a name or a literal key). */
function readPropertyName(access: MemberAccess): string | undefined {
  if (ts.isPropertyAccessExpression(access)) return access.name.text;
  const argument = access.argumentExpression;
  return ts.isStringLiteralLike(argument) || ts.isNumericLiteral(argument) ? argument.text : undefined;
}

/**
 * Whether `node` could be where V8 reported `property` (compared as text, never used otherwise): the name read, a
 * destructured name, or the key `in` searched for. A computed key (`list[i]`, `k in x`) may have been any property.
 */
function involvesProperty(node: Candidate, property: string): boolean {
  if (ts.isVariableDeclaration(node)) {
    return bindingNamesOf(node.name).some((name) => (ts.isIdentifier(name) ? name.text : undefined) === property);
  }
  if (isMember(node)) {
    const name = readPropertyName(node);
    return name === undefined || name === property;
  }
  if (ts.isBinaryExpression(node)) {
    const key = node.left;
    return !(ts.isStringLiteralLike(key) || ts.isNumericLiteral(key)) || key.text === property;
  }
  return false;
}

/**
 * Receivers that cannot be `undefined` or `null` whatever the types say: literals, `new`, `this`, functions, ambient
 * globals (`Object`, `JSON`: they would be a ReferenceError, not nullish), and constants initialized with one of those.
 * A read from them cannot be the one that threw.
 */
function isCertainlyDefined(receiver: ts.Expression, checker: ts.TypeChecker, depth = 0): boolean {
  const node = unwrapExpression(receiver);
  if (
    ts.isObjectLiteralExpression(node) ||
    ts.isArrayLiteralExpression(node) ||
    ts.isStringLiteralLike(node) ||
    ts.isTemplateExpression(node) ||
    ts.isNumericLiteral(node) ||
    ts.isNewExpression(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isClassExpression(node) ||
    node.kind === ts.SyntaxKind.ThisKeyword
  ) {
    return true;
  }
  if (!ts.isIdentifier(node) || depth > 0) return false;
  const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
  if (declaration === undefined) return false;
  if (declaration.getSourceFile().isDeclarationFile) return true;
  if (
    ts.isFunctionDeclaration(declaration) ||
    ts.isClassDeclaration(declaration) ||
    ts.isEnumDeclaration(declaration)
  ) {
    return true;
  }
  return (
    ts.isVariableDeclaration(declaration) &&
    (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 &&
    declaration.initializer !== undefined &&
    isCertainlyDefined(declaration.initializer, checker, depth + 1)
  );
}

/**
 * The use the frame points at. With a `property` capture (the rule's named group), only uses involving that property
 * qualify: a frame that points elsewhere yields `null` rather than a fix of some other expression. Without one, a
 * member read and an operand at the same spot (`for (x of a.items)`: V8 points at `items` either way) are told apart
 * by the capture's absence: a failed read would have named its property, so the operand wins.
 */
export function findNullishRead(site: FixSite): NullishRead | null {
  const property = captureOf(site.ctx, 'property');
  const candidates = candidatesAtSite(site, isCandidate, keyPositionsOf(site.sourceFile), (node) =>
    isOperand(node) && property === undefined ? 0 : 1,
  ).filter((node) => !isCertainlyDefined(receiverOf(node), site.checker));
  const chosen = property === undefined ? candidates[0] : candidates.find((node) => involvesProperty(node, property));
  if (chosen === undefined) return null;
  if (ts.isVariableDeclaration(chosen))
    return { kind: 'destructure', declaration: chosen, receiver: receiverOf(chosen) };
  if (isMember(chosen)) return { kind: 'member', access: chosen, receiver: receiverOf(chosen) };
  const use: OperandUse = ts.isForOfStatement(chosen) || ts.isSpreadElement(chosen) ? 'iterable' : 'object';
  return { kind: 'operand', use, receiver: receiverOf(chosen) };
}
