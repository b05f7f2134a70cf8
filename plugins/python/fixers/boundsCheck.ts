import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer } from '../../../core/patch/candidate.ts';
import { distinct, guardBefore, guardSite, isSimpleReference, proposal, withNodesOnTargetLine } from './fixSite.ts';
import { isStoreTarget } from './subscripts.ts';

/**
 * `bounds-check`: a sequence read at an index it may not have gets a length check before the statement, leaving the
 * loop iteration or the function. `x[0]`/`x[-1]` check emptiness; a literal index `n` checks `len(x) <= n`; a name
 * checks both ends. Only names and attribute chains are checked (they can be evaluated twice).
 */
export const boundsCheckFixer: Fixer = {
  strategy: 'bounds-check',
  propose(ctx: FixContext) {
    const guards = withNodesOnTargetLine(ctx, ['subscript'], (nodes) =>
      nodes.flatMap((node) => {
        const sequence = node.childForFieldName('value');
        const index = node.childForFieldName('subscript');
        if (!isSimpleReference(sequence) || !index || isStoreTarget(node)) return [];
        const condition = outOfRange(sequence.text, index);
        const site = condition ? guardSite(ctx.source, node) : null;
        return condition && site ? [{ condition, site, what: node.text }] : [];
      }),
    );
    return distinct(
      guards.flatMap(({ condition, site, what }) =>
        site.exits.map((exit) =>
          proposal(
            ctx,
            'bounds-check',
            `Check the length before reading \`${what}\` (${exit} when it is out of range).`,
            [guardBefore(site, condition, exit)],
          ),
        ),
      ),
    );
  },
};

function outOfRange(sequence: string, index: Node): string | null {
  if (index.type === 'integer') {
    const n = Number(index.text);
    if (!Number.isSafeInteger(n)) return null;
    return n === 0 ? `not ${sequence}` : `len(${sequence}) <= ${n}`;
  }
  if (index.type === 'unary_operator' && index.text === '-1') return `not ${sequence}`;
  if (isSimpleReference(index)) return `not -len(${sequence}) <= ${index.text} < len(${sequence})`;
  return null;
}
