import ts from 'typescript';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { describeExpression } from './describeExpression.ts';
import { isEvaluatedOnceBy, isPureExpression, usesNamesDeclaredBy } from './evaluationOrder.ts';
import { candidatesAtSite, type FixSite, openFixSite } from './fixSite.ts';
import { guardExitsFor, messagePrefixFor } from './guardExits.ts';
import { guardBefore } from './guardInsertion.ts';
import { canHoldNullishCoalescing } from './optionalChainEdits.ts';
import { buildProposal, distinctProposals } from './proposalBuilder.ts';
import { canInsertBefore, enclosingFunction, enclosingStatement } from './syntaxQueries.ts';
import { replaceNode } from './textEdits.ts';
import { isBigIntType, isNumberType } from './typeDefaults.ts';

export const ZERO_GUARD = 'zero-guard';

type Division = ts.BinaryExpression;

/**
 * Guards the divisor of the `/` or `%` on the frame's line: BigInt division by zero throws `RangeError: Division by
 * zero`; number division yields Infinity/NaN, which code often rejects with an explicit throw (then the frame is the
 * throw, and the division is in the initializer of a variable its `if` tests). Proposes `(d === 0 ? 0 : a / d)`, then
 * a guard before the statement that leaves early (see `guardExitsFor`).
 */
export const zeroGuardFixer: Fixer = {
  strategy: ZERO_GUARD,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const onLine = candidatesAtSite(site, isDivision, (node) => [node.operatorToken.getStart(site.sourceFile)])[0];
    const division = onLine ?? divisionBehindExplicitThrow(site);
    if (division === undefined || !isPureExpression(division.right)) return [];
    // A literal divisor is what the author meant: `x / 2` cannot be the division by zero.
    if (ts.isNumericLiteral(division.right) || ts.isBigIntLiteral(division.right)) return [];
    const zero = isBigIntDivision(site, division) ? '0n' : '0';
    const divisor = divisorText(site.sourceFile, division.right);
    const what = describeExpression(division.right) ?? 'the divisor';
    const proposals: (FixProposal | null)[] = [];
    if (!isCompoundAssignment(division)) {
      const conditional = `${divisor} === ${zero} ? ${zero} : ${division.getText(site.sourceFile)}`;
      proposals.push(
        buildProposal(ctx, ZERO_GUARD, `Yields ${zero} instead of dividing when \`${what}\` is zero.`, [
          replaceNode(
            division,
            site.sourceFile,
            ts.isParenthesizedExpression(division.parent) || canHoldNullishCoalescing(division)
              ? conditional
              : `(${conditional})`,
          ),
        ]),
      );
    }
    const statement = enclosingStatement(division);
    if (statement !== undefined && canInsertBefore(statement) && isEvaluatedOnceBy(statement, division)) {
      if (!usesNamesDeclaredBy(statement, division.right)) {
        const fn = enclosingFunction(statement);
        const message = `${messagePrefixFor(fn)}${what} is zero`;
        const exits = guardExitsFor(fn, site.checker, { errorClass: 'RangeError', message });
        // After an explicit NaN/Infinity check the code already throws; only a return is a different outcome.
        const useful = onLine === undefined ? exits.filter((exit) => !exit.statement.startsWith('throw')) : exits;
        for (const exit of useful) {
          proposals.push(
            buildProposal(ctx, ZERO_GUARD, `Checks \`${what}\` before dividing and ${exit.summary} when it is zero.`, [
              guardBefore(site.sourceFile, statement, `${divisor} === ${zero}`, exit.statement),
            ]),
          );
        }
      }
    }
    return distinctProposals(proposals);
  },
};

function isDivision(node: ts.Node): node is Division {
  if (!ts.isBinaryExpression(node)) return false;
  const kind = node.operatorToken.kind;
  return (
    kind === ts.SyntaxKind.SlashToken ||
    kind === ts.SyntaxKind.PercentToken ||
    kind === ts.SyntaxKind.SlashEqualsToken ||
    kind === ts.SyntaxKind.PercentEqualsToken
  );
}

function isCompoundAssignment(division: Division): boolean {
  const kind = division.operatorToken.kind;
  return kind === ts.SyntaxKind.SlashEqualsToken || kind === ts.SyntaxKind.PercentEqualsToken;
}

/** The type decides; untyped code falls back on the error: only BigInt division throws a RangeError by itself. */
function isBigIntDivision(site: FixSite, division: Division): boolean {
  const type = site.checker.getTypeAtLocation(division.right);
  if (isBigIntType(type)) return true;
  if (isNumberType(type)) return false;
  return site.ctx.errorType === 'RangeError';
}

function divisorText(sourceFile: ts.SourceFile, divisor: ts.Expression): string {
  const text = divisor.getText(sourceFile);
  return ts.isBinaryExpression(divisor) || ts.isPrefixUnaryExpression(divisor) ? `(${text})` : text;
}

/**
 * `if (!Number.isFinite(mean)) throw ...` with `const mean = a / b` earlier: the division in the initializer of a
 * variable the `if` around the throwing statement tests.
 */
function divisionBehindExplicitThrow(site: FixSite): Division | undefined {
  const statement = enclosingStatement(site.anchor);
  if (statement === undefined || !ts.isThrowStatement(statement)) return undefined;
  let check: ts.Node = statement.parent;
  if (ts.isBlock(check)) check = check.parent;
  if (!ts.isIfStatement(check)) return undefined;
  const divisions: Division[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const declaration = site.checker.getSymbolAtLocation(node)?.valueDeclaration;
      if (declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined) {
        collectDivisions(declaration.initializer, divisions);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(check.expression);
  return divisions[0];
}

function collectDivisions(node: ts.Node, into: Division[]): void {
  if (isDivision(node) && !isCompoundAssignment(node)) into.push(node);
  ts.forEachChild(node, (child) => collectDivisions(child, into));
}
