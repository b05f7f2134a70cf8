import ts from 'typescript';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { describeExpression } from './describeExpression.ts';
import { isEvaluatedOnceBy, isPureExpression, usesNamesDeclaredBy } from './evaluationOrder.ts';
import { type FixSite, openFixSite } from './fixSite.ts';
import { guardExitsFor, messagePrefixFor } from './guardExits.ts';
import { guardBefore } from './guardInsertion.ts';
import { findNullishRead } from './nullishRead.ts';
import { buildProposal, distinctProposals } from './proposalBuilder.ts';
import { canInsertBefore, enclosingFunction, enclosingStatement, unwrapExpression } from './syntaxQueries.ts';

export const BOUNDS_CHECK = 'bounds-check';

/**
 * `list[i].x` where `list[i]` was past the end (V8 reads `undefined` there, and the read of `.x` throws). Proposes, in
 * order: `<` for a loop condition `i <= list.length` that walks one past the end; a guard before the statement that
 * checks `i` against `list.length` and leaves early (see `guardExitsFor`). `RangeError: Invalid array length` is a
 * different problem and is not handled here.
 */
export const boundsCheckFixer: Fixer = {
  strategy: BOUNDS_CHECK,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const read = findNullishRead(site);
    if (read === null) return [];
    const element = unwrapExpression(read.receiver);
    if (!ts.isElementAccessExpression(element)) return [];
    const list = element.expression;
    const index = element.argumentExpression;
    if (!isPureExpression(list) || !isPureExpression(index) || !isIndexable(site, list, index)) return [];
    const proposals = [loopConditionProposal(site, list, index)];
    const statement = enclosingStatement(element);
    if (
      statement !== undefined &&
      canInsertBefore(statement) &&
      isEvaluatedOnceBy(statement, element) &&
      !usesNamesDeclaredBy(statement, element)
    ) {
      const { sourceFile } = site;
      const listText = list.getText(sourceFile);
      const fn = enclosingFunction(statement);
      const indexWords = describeExpression(index);
      const listWords = describeExpression(list) ?? 'the list';
      const message = `${messagePrefixFor(fn)}index ${indexWords === undefined ? '' : `${indexWords} `}is out of range for ${listWords}`;
      for (const exit of guardExitsFor(fn, site.checker, { errorClass: 'RangeError', message })) {
        proposals.push(
          buildProposal(
            ctx,
            BOUNDS_CHECK,
            `Checks \`${indexWords ?? 'the index'}\` against the length of \`${listWords}\` and ${exit.summary} when it is out of range.`,
            [guardBefore(sourceFile, statement, outOfRange(sourceFile, listText, index), exit.statement)],
          ),
        );
      }
    }
    return distinctProposals(proposals);
  },
};

/** A string key is a lookup (see `default-value`), not an index. */
function isIndexable(site: FixSite, list: ts.Expression, index: ts.Expression): boolean {
  if (ts.isStringLiteralLike(index)) return false;
  const { checker } = site;
  const indexType = checker.getTypeAtLocation(index);
  if (indexType.flags & ts.TypeFlags.StringLike) return false;
  const listType = checker.getTypeAtLocation(list);
  if (listType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  return checker.getPropertyOfType(checker.getNonNullableType(listType), 'length') !== undefined;
}

/** The condition under which `list[index]` is past either end, in its simplest form for the common shapes. */
function outOfRange(sourceFile: ts.SourceFile, listText: string, index: ts.Expression): string {
  const length = `${listText}.length`;
  if (ts.isNumericLiteral(index)) return index.text === '0' ? `${length} === 0` : `${length} <= ${index.text}`;
  if (
    ts.isBinaryExpression(index) &&
    index.operatorToken.kind === ts.SyntaxKind.MinusToken &&
    index.left.getText(sourceFile) === length &&
    ts.isNumericLiteral(index.right)
  ) {
    return `${length} < ${index.right.text}`;
  }
  const indexText = index.getText(sourceFile);
  const operand =
    ts.isIdentifier(index) ||
    ts.isPropertyAccessExpression(index) ||
    ts.isElementAccessExpression(index) ||
    ts.isCallExpression(index)
      ? indexText
      : `(${indexText})`;
  return `${operand} < 0 || ${operand} >= ${length}`;
}

/** `for (...; i <= list.length; ...)` around `list[i]`: the loop's last turn reads one past the end. */
function loopConditionProposal(site: FixSite, list: ts.Expression, index: ts.Expression): FixProposal | null {
  if (!ts.isIdentifier(index)) return null;
  const { sourceFile } = site;
  const length = `${list.getText(sourceFile)}.length`;
  for (let node: ts.Node = index; !ts.isSourceFile(node); node = node.parent) {
    if (!ts.isForStatement(node) || node.condition === undefined) continue;
    const condition = unwrapExpression(node.condition);
    if (
      ts.isBinaryExpression(condition) &&
      condition.operatorToken.kind === ts.SyntaxKind.LessThanEqualsToken &&
      ts.isIdentifier(condition.left) &&
      condition.left.text === index.text &&
      condition.right.getText(sourceFile) === length
    ) {
      const operator = condition.operatorToken;
      return buildProposal(
        site.ctx,
        BOUNDS_CHECK,
        `Stops the loop before \`${index.text}\` reaches the length of the list (\`<\` instead of \`<=\`): the last turn read one past the end.`,
        [{ start: operator.getStart(sourceFile), end: operator.getEnd(), newText: '<' }],
      );
    }
  }
  return null;
}
