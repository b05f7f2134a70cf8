import ts from 'typescript';
import { isFunctionLike } from './syntaxQueries.ts';

// Built-ins that only compute from their arguments: calling them again, or earlier, changes nothing.
const PURE_FUNCTIONS = new Map<string, ReadonlySet<string>>([
  [
    'Math',
    new Set([
      'abs',
      'ceil',
      'floor',
      'round',
      'trunc',
      'sign',
      'min',
      'max',
      'pow',
      'sqrt',
      'cbrt',
      'log',
      'log2',
      'log10',
      'exp',
      'hypot',
    ]),
  ],
  ['Number', new Set(['isFinite', 'isNaN', 'isInteger', 'isSafeInteger', 'parseFloat', 'parseInt'])],
  ['Array', new Set(['isArray'])],
]);
const PURE_GLOBALS = new Set(['String', 'Number', 'Boolean', 'BigInt', 'isNaN', 'isFinite', 'parseInt', 'parseFloat']);

/** `Math.floor(x)`, `Number(x)`...: a call of a deterministic built-in without side effects. */
function isPureBuiltinCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return PURE_GLOBALS.has(callee.text);
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    PURE_FUNCTIONS.get(callee.expression.text)?.has(callee.name.text) === true
  );
}

/**
 * Expressions that read without side effects and give the same value when evaluated again right away: names, `this`,
 * literals, member reads of those, arithmetic/comparison over them and `isPureBuiltinCall`s of them. Getters are assumed not to have side effects
 * (as any reviewer of `if (a.b === undefined)` would).
 */
export function isPureExpression(node: ts.Expression): boolean {
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return true;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isLiteralExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) return true;
  if (
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  )
    return true;
  if (ts.isPropertyAccessExpression(node)) return isPureExpression(node.expression);
  if (isPureBuiltinCall(node)) return node.arguments.every((argument) => isPureExpression(argument));
  if (ts.isElementAccessExpression(node)) {
    return isPureExpression(node.expression) && isPureExpression(node.argumentExpression);
  }
  if (
    ts.isParenthesizedExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node)
  ) {
    return isPureExpression(node.expression);
  }
  if (ts.isPrefixUnaryExpression(node)) {
    const { operator } = node;
    return operator !== ts.SyntaxKind.PlusPlusToken && operator !== ts.SyntaxKind.MinusMinusToken
      ? isPureExpression(node.operand)
      : false;
  }
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    const assigns = kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
    return !assigns && isPureExpression(node.left) && isPureExpression(node.right);
  }
  return false;
}

/** Nodes that change state when evaluated. */
function hasEffect(node: ts.Node): boolean {
  if (isPureBuiltinCall(node)) return false;
  if (
    ts.isCallExpression(node) ||
    ts.isNewExpression(node) ||
    ts.isTaggedTemplateExpression(node) ||
    ts.isAwaitExpression(node) ||
    ts.isYieldExpression(node) ||
    ts.isDeleteExpression(node)
  ) {
    return true;
  }
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    return node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken;
  }
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
  }
  return false;
}

/**
 * Whether anything in `statement` that runs before `expression` (JavaScript evaluates left to right, so: ends before
 * it starts) could change state. Moving `expression` in front of the statement is safe only when nothing does.
 */
export function hasEffectsBefore(statement: ts.Statement, expression: ts.Expression): boolean {
  const start = expression.getStart();
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.getStart() >= start) return;
    if (isFunctionLike(node) || ts.isClassLike(node)) return; // defined, not run
    if (hasEffect(node) && node.getEnd() <= start) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(statement, visit);
  return found;
}

/**
 * Whether running `statement` always evaluates `expression` exactly once, so a check placed before the statement
 * sees what the statement would have used. Branches (`?:`, `&&`, `||`, `??`, optional calls), loop conditions and
 * case labels are evaluated conditionally or repeatedly.
 */
export function isEvaluatedOnceBy(statement: ts.Statement, expression: ts.Expression): boolean {
  let child: ts.Node = expression;
  for (let node = expression.parent; node !== statement.parent; child = node, node = node.parent) {
    if (node === undefined || isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isConditionalExpression(node) && child !== node.condition) return false;
    if (ts.isBinaryExpression(node) && child === node.right && isShortCircuit(node.operatorToken.kind)) return false;
    if (ts.isOptionalChain(node) && child !== node.expression) return false;
    if (ts.isForStatement(node) && child !== node.initializer) return false;
    if ((ts.isWhileStatement(node) || ts.isDoStatement(node)) && child === node.expression) return false;
    if (ts.isCaseClause(node) || ts.isDefaultClause(node)) return false;
  }
  return true;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken
  );
}

/** Whether `expression` mentions a name the statement itself declares (it would not exist yet before the statement). */
export function usesNamesDeclaredBy(statement: ts.Statement, expression: ts.Expression): boolean {
  if (!ts.isVariableStatement(statement)) return false;
  const declared = new Set<string>();
  const collect = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) collect(element.name);
  };
  for (const declaration of statement.declarationList.declarations) collect(declaration.name);
  let uses = false;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && declared.has(node.text)) uses = true;
    else ts.forEachChild(node, visit);
  };
  visit(expression);
  return uses;
}
