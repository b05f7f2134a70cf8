import ts from 'typescript';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { describeExpression } from './describeExpression.ts';
import { openFixSite } from './fixSite.ts';
import { guardExitsFor, messagePrefixFor } from './guardExits.ts';
import { guardBefore, guardSubjectFor } from './guardInsertion.ts';
import { findNullishRead } from './nullishRead.ts';
import { buildProposal, distinctProposals } from './proposalBuilder.ts';
import { canInsertBefore, enclosingFunction, enclosingStatement, unwrapExpression } from './syntaxQueries.ts';

export const GUARD_EARLY_RETURN = 'guard-early-return';

/**
 * Before the statement that read through an `undefined`/`null` value, inserts
 * `if (x === undefined || x === null) { <exit> }`: one proposal per exit of `guardExitsFor` (an obvious return value,
 * then a throw whose message names what is missing).
 */
export const guardEarlyReturnFixer: Fixer = {
  strategy: GUARD_EARLY_RETURN,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const read = findNullishRead(site);
    if (read === null) return [];
    const receiver = read.receiver;
    const inner = unwrapExpression(receiver);
    if (inner.kind === ts.SyntaxKind.ThisKeyword || inner.kind === ts.SyntaxKind.SuperKeyword) return [];
    const statement = enclosingStatement(receiver);
    if (statement === undefined || !canInsertBefore(statement)) return [];
    const subject = guardSubjectFor(site.sourceFile, statement, receiver);
    if (subject === null) return [];
    const fn = enclosingFunction(statement);
    const message = messagePrefixFor(fn) + missingValuePhrase(inner);
    const condition = `${subject.text} === undefined || ${subject.text} === null`;
    const what = describeExpression(inner) ?? 'the value';
    return distinctProposals(
      guardExitsFor(fn, site.checker, { errorClass: 'Error', message }).map((exit) =>
        buildProposal(
          ctx,
          GUARD_EARLY_RETURN,
          `Checks \`${what}\` before it is used and ${exit.summary} when it is undefined or null, instead of failing with a TypeError.`,
          [...subject.edits, guardBefore(site.sourceFile, statement, condition, exit.statement, subject.declaration)],
        ),
      ),
    );
  },
};

/** `no DISCOUNTS entry for code`, `getCustomer(id) returned nothing`, `order.customer is missing`. */
function missingValuePhrase(expression: ts.Expression): string {
  if (ts.isElementAccessExpression(expression)) {
    const map = describeExpression(expression.expression) ?? 'the table';
    const key = describeExpression(expression.argumentExpression) ?? 'the key';
    return `no ${map} entry for ${key}`;
  }
  const described = describeExpression(expression);
  if (ts.isCallExpression(expression)) return `${described ?? 'the call'} returned nothing`;
  return `${described ?? 'a value'} is missing`;
}
