import ts from 'typescript';
import type { MemberAccess } from './nullishRead.ts';
import { insertAt, type TextEdit } from './textEdits.ts';

/**
 * Edits turning the member access into an optional one: `a.b` -> `a?.b`, `a[k]` -> `a?.[k]`, and `a!.b` -> `a?.b`
 * (the non-null assertion was the mistake). `undefined` when the access cannot be optional (`super.x`, already `?.`).
 */
export function optionalChainEdits(access: MemberAccess, sourceFile: ts.SourceFile): TextEdit[] | undefined {
  if (access.questionDotToken !== undefined) return undefined;
  const receiver = access.expression;
  if (receiver.kind === ts.SyntaxKind.SuperKeyword) return undefined;
  const children = access.getChildren(sourceFile);
  if (ts.isElementAccessExpression(access)) {
    const bracket = children.find((child) => child.kind === ts.SyntaxKind.OpenBracketToken);
    return bracket ? [insertAt(bracket.getStart(sourceFile), '?.')] : undefined;
  }
  const dot = children.find((child) => child.kind === ts.SyntaxKind.DotToken);
  if (dot === undefined) return undefined;
  if (ts.isNonNullExpression(receiver)) {
    const bang = receiver.getChildren(sourceFile).find((child) => child.kind === ts.SyntaxKind.ExclamationToken);
    if (bang === undefined) return undefined;
    return [{ start: bang.getStart(sourceFile), end: dot.getEnd(), newText: '?.' }];
  }
  return [{ start: dot.getStart(sourceFile), end: dot.getEnd(), newText: '?.' }];
}

/** Whether `a ?? b` may stand in `expression`'s place without parentheses. */
export function canHoldNullishCoalescing(expression: ts.Expression): boolean {
  const parent = expression.parent;
  return (
    (ts.isVariableDeclaration(parent) && parent.initializer === expression) ||
    ts.isReturnStatement(parent) ||
    (ts.isArrowFunction(parent) && parent.body === expression) ||
    ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(expression) === true) ||
    ts.isTemplateSpan(parent) ||
    ts.isSpreadElement(parent) ||
    (ts.isForOfStatement(parent) && parent.expression === expression) ||
    ts.isParenthesizedExpression(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    (ts.isPropertyAssignment(parent) && parent.initializer === expression) ||
    ts.isExpressionStatement(parent) ||
    (ts.isBinaryExpression(parent) &&
      parent.right === expression &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)
  );
}

/** `a || b ?? c` is a syntax error and `a ? b : c ?? d` means `a ? b : (c ?? d)`: such a left side needs parentheses. */
function needsParenthesesBeforeNullish(expression: ts.Expression): boolean {
  if (ts.isConditionalExpression(expression) || ts.isArrowFunction(expression) || ts.isYieldExpression(expression)) {
    return true;
  }
  if (!ts.isBinaryExpression(expression)) return false;
  const kind = expression.operatorToken.kind;
  return (
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.CommaToken ||
    (kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment)
  );
}

/** Edits appending `?? fallback` to `expression`, parenthesized where its place or its own shape needs it. */
export function nullishFallbackEdits(
  expression: ts.Expression,
  sourceFile: ts.SourceFile,
  fallback: string,
): TextEdit[] {
  const start = expression.getStart(sourceFile);
  const end = expression.getEnd();
  const left = needsParenthesesBeforeNullish(expression) ? [insertAt(start, '('), insertAt(end, ')')] : [];
  if (canHoldNullishCoalescing(expression)) return [...left, insertAt(end, ` ?? ${fallback}`)];
  return [insertAt(start, '('), ...left, insertAt(end, ` ?? ${fallback})`)];
}
