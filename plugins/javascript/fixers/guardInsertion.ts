import ts from 'typescript';
import { hasEffectsBefore, isEvaluatedOnceBy, isPureExpression, usesNamesDeclaredBy } from './evaluationOrder.ts';
import { freshName, nameForValueOf } from './freshName.ts';
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
  if (isPureExpression(expression)) {
    const text = expression.getText(sourceFile);
    const simple =
      ts.isIdentifier(expression) ||
      ts.isPropertyAccessExpression(expression) ||
      ts.isElementAccessExpression(expression);
    return { text: simple || ts.isParenthesizedExpression(expression) ? text : `(${text})`, edits: [] };
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
