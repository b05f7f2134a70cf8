import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer } from '../../../core/patch/candidate.ts';
import { distinct, guardBefore, guardSite, isSimpleReference, proposal, withNodesOnTargetLine } from './fixSite.ts';

/**
 * `none-guard`: the value that was None gets an `if <value> is None:` guard before the statement, leaving the loop
 * iteration (`continue`) or the function (`return None`). Which value: the receiver of the attribute the message
 * names (`'NoneType' object has no attribute 'price'`), or, by the rule's `usage` capture, the value that was
 * subscripted, iterated by a `for`, or called. Only names and attribute chains are guarded (a call would run twice).
 */
export const noneGuardFixer: Fixer = {
  strategy: 'none-guard',
  propose(ctx: FixContext) {
    const receivers = withNodesOnTargetLine(ctx, ['attribute', 'subscript', 'for_statement', 'call'], (nodes) =>
      nodes.flatMap((node) => {
        const receiver = receiverOf(node, ctx.captures);
        if (!isSimpleReference(receiver)) return [];
        const site = guardSite(ctx.source, node);
        return site ? [{ text: receiver.text, site }] : [];
      }),
    );
    return distinct(
      receivers.flatMap(({ text, site }) =>
        site.exits.map((exit) =>
          proposal(
            ctx,
            'none-guard',
            `Guard \`${text}\` against None before it is used (${exit} when it is missing).`,
            [guardBefore(site, `${text} is None`, exit)],
          ),
        ),
      ),
    );
  },
};

/** The expression that was None, when `node` is the use the message describes. */
function receiverOf(node: Node, captures: Record<string, string>): Node | null {
  const attribute = captures['attribute'];
  const usage = captures['usage'];
  if (node.type === 'attribute' && attribute !== undefined) {
    return node.childForFieldName('attribute')?.text === attribute ? node.childForFieldName('object') : null;
  }
  if (node.type === 'subscript' && usage === 'subscriptable') return node.childForFieldName('value');
  if (node.type === 'for_statement' && usage === 'iterable') return node.childForFieldName('right');
  if (node.type === 'call' && usage === 'callable') return node.childForFieldName('function');
  return null;
}
