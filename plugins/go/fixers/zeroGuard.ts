import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { exitEdits, type GoFixSite, guardableStatement, onTargetLine, openGoSite, operandText } from './fixSite.ts';
import { distinct, guardBefore, proposal } from './goEdits.ts';
import { enclosingFunction, isPureExpression } from './goSyntax.ts';
import { functionLabel, guardExit } from './goTypes.ts';

export const ZERO_GUARD = 'zero-guard';

/**
 * `integer divide by zero`: returns early before the statement on the frame's line when the divisor of its `/`
 * or `%` (or `/=`, `%=`) is zero. A literal divisor is what the author meant and is never the zero.
 */
export const zeroGuardFixer: Fixer = {
  strategy: ZERO_GUARD,
  propose(ctx: FixContext): FixProposal[] {
    const site = openGoSite(ctx);
    if (site === null) return [];
    return distinct(
      divisorsOnLine(site)
        .slice(0, 2)
        .map((divisor) => guardFor(site, divisor)),
    );
  },
};

function divisorsOnLine(site: GoFixSite): Node[] {
  const divisors: Node[] = [];
  for (const node of onTargetLine(site, ['binary_expression', 'assignment_statement'])) {
    const operator = node.childForFieldName('operator')?.type;
    if (operator !== '/' && operator !== '%' && operator !== '/=' && operator !== '%=') continue;
    const divisor =
      node.type === 'binary_expression'
        ? node.childForFieldName('right')
        : node.childForFieldName('right')?.namedChild(0);
    if (!divisor || !isPureExpression(divisor) || /literal$/.test(divisor.type)) continue;
    if (!divisors.some((d) => d.text === divisor.text)) divisors.push(divisor);
  }
  return divisors;
}

function guardFor(site: GoFixSite, divisor: Node): FixProposal | null {
  const statement = guardableStatement(divisor);
  const fn = statement ? enclosingFunction(statement) : null;
  if (statement === null || fn === null) return null;
  const exit = guardExit(fn, site.tree, `${functionLabel(fn)}: ${divisor.text} is zero`);
  if (exit === null) return null;
  return proposal(site.ctx, ZERO_GUARD, `Returns early when \`${divisor.text}\` is zero instead of dividing by it.`, [
    guardBefore(site.source, statement, `${operandText(divisor)} == 0`, exit.statement),
    ...exitEdits(site, exit),
  ]);
}
