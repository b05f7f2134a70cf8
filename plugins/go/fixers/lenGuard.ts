import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { exitEdits, type GoFixSite, guardableStatement, onTargetLine, openGoSite, operandText } from './fixSite.ts';
import { distinct, guardBefore, proposal } from './goEdits.ts';
import { enclosingFunction, isPureExpression } from './goSyntax.ts';
import { functionLabel, guardExit, typeOfExpression } from './goTypes.ts';

export const LEN_GUARD = 'len-guard';

/**
 * Checks an index or slice bound against len() before the statement on the frame's line: `if i < 0 || i >=
 * len(xs) { return ... }`, `if n > cap(buf) { ... }`, `if from > to || to > len(s) { ... }`. The rule's captures
 * (`index`, `low`, `high`, `limit`) only choose among the expressions on the line (a literal index equal to the
 * reported one first; `cap` when the runtime said capacity); nothing from them is written.
 */
export const lenGuardFixer: Fixer = {
  strategy: LEN_GUARD,
  propose(ctx: FixContext): FixProposal[] {
    const site = openGoSite(ctx);
    if (site === null) return [];
    const accesses = onTargetLine(site, ['index_expression', 'slice_expression'])
      .filter((node) => isSliceLike(site, node))
      .sort((a, b) => rank(site, b) - rank(site, a));
    return distinct(accesses.slice(0, 2).map((access) => guardFor(site, access)));
  },
};

function isSliceLike(site: GoFixSite, node: Node): boolean {
  const operand = node.childForFieldName('operand');
  if (!operand || !isPureExpression(operand)) return false;
  return typeOfExpression(operand, site.tree)?.type !== 'map_type';
}

/** Expressions whose literal parts equal what the runtime reported come first. */
function rank(site: GoFixSite, node: Node): number {
  const { captures } = site.ctx;
  const literal = (field: string) => node.childForFieldName(field)?.text;
  if (node.type === 'index_expression')
    return captures['index'] !== undefined && literal('index') === captures['index'] ? 2 : 1;
  const hasLow = captures['low'] === undefined || captures['low'] === '' || literal('start') === captures['low'];
  const hasHigh = captures['high'] === undefined || literal('end') === captures['high'];
  return (
    (site.ctx.captures['low'] !== undefined || captures['high'] !== undefined ? 1 : 0) + (hasLow && hasHigh ? 1 : 0)
  );
}

function guardFor(site: GoFixSite, access: Node): FixProposal | null {
  const operand = access.childForFieldName('operand')!;
  const statement = guardableStatement(access);
  const fn = statement ? enclosingFunction(statement) : null;
  if (statement === null || fn === null) return null;
  const size = `${site.ctx.captures['limit'] === 'capacity' ? 'cap' : 'len'}(${operand.text})`;
  const parts: string[] = [];
  if (access.type === 'index_expression') {
    const index = access.childForFieldName('index');
    if (!index || !isPureExpression(index)) return null;
    parts.push(
      index.type === 'int_literal'
        ? `${size} <= ${index.text}`
        : `${operandText(index)} < 0 || ${operandText(index)} >= ${size}`,
    );
  } else {
    const start = access.childForFieldName('start');
    const end = access.childForFieldName('end');
    if ((start && !isPureExpression(start)) || (end && !isPureExpression(end))) return null;
    if (start && start.type !== 'int_literal') parts.push(`${operandText(start)} < 0`);
    if (start && end) parts.push(`${operandText(start)} > ${operandText(end)}`);
    if (end) parts.push(`${operandText(end)} > ${size}`);
    else if (start) parts.push(`${operandText(start)} > ${size}`);
  }
  if (parts.length === 0) return null;
  const what = access.type === 'index_expression' ? `index into ${operand.text}` : `slice of ${operand.text}`;
  const exit = guardExit(fn, site.tree, `${functionLabel(fn)}: ${what} out of range`);
  if (exit === null) return null;
  return proposal(
    site.ctx,
    LEN_GUARD,
    `Checks the bounds of \`${access.text}\` against ${size} and returns early when they are out of range.`,
    [guardBefore(site.source, statement, parts.join(' || '), exit.statement), ...exitEdits(site, exit)],
  );
}
