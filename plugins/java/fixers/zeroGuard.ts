import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { readsOnlyParameters } from './declarations.ts';
import { type FixSite, nodesOnLine, openFixSite, operatorOf } from './fixSite.ts';
import { guardExitsFor } from './guardExits.ts';
import {
  enclosingStatement,
  isConditionallyEvaluated,
  isRepeatable,
  namesDeclaredBy,
  namesRead,
} from './javaSyntax.ts';
import { buildProposal, distinctProposals, guardLines, insertBefore, replaceNode } from './textEdits.ts';

export const ZERO_GUARD = 'zero-guard';

const DIVISION_OPERATORS = new Set(['/', '%', '/=', '%=']);

/**
 * `ArithmeticException: / by zero` comes from integer division or remainder: guards the divisor of the `/` or `%`
 * on the frame's line. Proposes `(d == 0 ? 0 : a / d)` and a guard before the statement that returns early or
 * throws a clear exception. A literal divisor is what the author meant (`x / 100` cannot be the division by zero).
 */
export const zeroGuardFixer: Fixer = {
  strategy: ZERO_GUARD,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const divisions = nodesOnLine(site, ['binary_expression', 'assignment_expression'], operatorOf).filter((node) => {
      const divisor = node.childForFieldName('right');
      return (
        DIVISION_OPERATORS.has(operatorOf(node)?.text ?? '') &&
        divisor !== null &&
        !/^[1-9][\d_]*[lL]?$/.test(divisor.text) &&
        isRepeatable(divisor)
      );
    });
    if (divisions.length !== 1) return [];
    const division = divisions[0]!;
    const divisor = division.childForFieldName('right')!;
    const zeroTest = `${parenthesized(divisor)} == 0`;
    const proposals: (FixProposal | null)[] = [];
    if (division.type === 'binary_expression') {
      proposals.push(
        buildProposal(ctx, ZERO_GUARD, `Yields 0 instead of dividing when \`${divisor.text}\` is zero.`, [
          replaceNode(division, `(${zeroTest} ? 0 : ${division.text})`),
        ]),
      );
    }
    proposals.push(...guards(site, division, divisor, zeroTest));
    return distinctProposals(proposals);
  },
};

function parenthesized(node: Node): string {
  return node.type === 'binary_expression' || node.type === 'unary_expression' ? `(${node.text})` : node.text;
}

function guards(site: FixSite, division: Node, divisor: Node, zeroTest: string): (FixProposal | null)[] {
  const statement = enclosingStatement(division);
  if (statement === null || isConditionallyEvaluated(statement, division)) return [];
  const declared = namesDeclaredBy(statement);
  if (namesRead(divisor).some((name) => declared.has(name))) return [];
  const fromParameter = readsOnlyParameters(divisor);
  return guardExitsFor(division, { problem: `${divisor.text} is zero`, fromParameter }).map((exit) => {
    const edit = insertBefore(site.source, statement, guardLines(site.source, statement, zeroTest, exit.statement));
    if (edit === null) return null;
    return buildProposal(
      site.ctx,
      ZERO_GUARD,
      `Checks \`${divisor.text}\` before dividing and ${exit.summary} when it is zero.`,
      [edit],
    );
  });
}
