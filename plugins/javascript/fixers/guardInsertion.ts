import ts from 'typescript';
import { hasEffectsBefore, isEvaluatedOnceBy, isPureExpression, usesNamesDeclaredBy } from './evaluationOrder.ts';
import { freshName, nameForValueOf } from './freshName.ts';
import { unwrapExpression } from './syntaxQueries.ts';
import { indentationAt, indentUnitOf, insertAt, newlineOf, startsLine, type TextEdit } from './textEdits.ts';

/** The expression a guard tests, as text, and the edits that make it testable. */
export interface GuardSubject {
  /** What the condition compares (the expression itself, or the name it was stored in). */
  text: string;
  /** `const name = expression;`, placed before the guard, when the expression had to be evaluated once. */
  declaration?: string;
  /** Replaces the expression by that name in the statement. */
  edits: TextEdit[];
}

/**
 * How to test `expression` before `statement` runs. A pure expression is tested as written; one with effects (a call)
 * is stored in a fresh `const` first and the statement reads the constant, so it still runs once. `null` when the
 * statement may not evaluate the expression at all, or evaluates something with effects before it.
 */
export function guardSubjectFor(
  sourceFile: ts.SourceFile,
  statement: ts.Statement,
  expression: ts.Expression,
): GuardSubject | null {
  if (!isEvaluatedOnceBy(statement, expression) || usesNamesDeclaredBy(statement, expression)) return null;
  // A pure expression is tested as written unless it computes something (a call): that reads better stored once.
  if (isPureExpression(expression) && !containsCall(expression)) {
    // `(x as T)` and `x!` hold the value of `x`: the test reads `x`.
    const value = unwrapExpression(expression);
    const text = value.getText(sourceFile);
    const simple =
      ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value);
    return { text: simple ? text : `(${text})`, edits: [] };
  }
  if (hasEffectsBefore(statement, expression)) return null;
  let inner = expression;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  const name = freshName(sourceFile, nameForValueOf(inner));
  return {
    text: name,
    declaration: `const ${name} = ${inner.getText(sourceFile)};`,
    edits: [{ start: expression.getStart(sourceFile), end: expression.getEnd(), newText: name }],
  };
}

function containsCall(node: ts.Node): boolean {
  return ts.isCallExpression(node) || ts.forEachChild(node, containsCall) === true;
}

/** Inserts `[declaration] if (condition) { exit }` before `statement`, indented like it. */
export function guardBefore(
  sourceFile: ts.SourceFile,
  statement: ts.Statement,
  condition: string,
  exit: string,
  declaration?: string,
): TextEdit {
  const text = sourceFile.text;
  const position = statement.getStart(sourceFile);
  if (!startsLine(text, position)) {
    return insertAt(position, `${declaration === undefined ? '' : `${declaration} `}if (${condition}) { ${exit} } `);
  }
  const indent = indentationAt(text, position);
  const newline = newlineOf(text);
  const lines = [
    ...(declaration === undefined ? [] : [declaration]),
    `if (${condition}) {`,
    `${indentUnitOf(text)}${exit}`,
    '}',
  ];
  return insertAt(position, lines.join(newline + indent) + newline + indent);
}
