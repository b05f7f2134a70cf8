import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer } from '../../../core/patch/candidate.ts';
import { distinct, isSimpleReference, proposal, withNodesOnTargetLine } from './fixSite.ts';
import { mappingDefault } from './mappingDefault.ts';
import { isStoreTarget } from './subscripts.ts';

/** Literal keys whose text can be compared with the key the KeyError printed. */
const LITERAL_KEYS = new Set(['string', 'integer']);

/**
 * `dict-get`: `mapping[key]` becomes `mapping.get(key, <default>)`, the default derived from the code (see
 * mappingDefault). The KeyError's key (the `key` capture) only picks the lookup when the key is a literal in the
 * code: a literal key that differs from it rules that lookup out. Nothing from the log is written into the file.
 */
export const dictGetFixer: Fixer = {
  strategy: 'dict-get',
  propose(ctx: FixContext) {
    const edits = withNodesOnTargetLine(ctx, ['subscript'], (nodes) =>
      nodes.flatMap((node) => {
        const mapping = node.childForFieldName('value');
        const keys = node.childrenForFieldName('subscript').filter((k): k is Node => k !== null);
        const key = keys.length === 1 ? keys[0]! : null;
        if (!isSimpleReference(mapping) || !key || key.type === 'slice' || isStoreTarget(node)) return [];
        if (!keyMayBe(key, ctx.captures['key'])) return [];
        const fallback = mappingDefault(node.tree.rootNode, mapping);
        if (fallback === null) return [];
        const text = `${mapping.text}.get(${key.text}, ${fallback})`;
        return [{ what: node.text, fallback, edit: { start: node.startIndex, end: node.endIndex, text } }];
      }),
    );
    return distinct(
      edits.map(({ what, fallback, edit }) =>
        proposal(ctx, 'dict-get', `Look \`${what}\` up with a default of ${fallback} instead of raising KeyError.`, [
          edit,
        ]),
      ),
    );
  },
};

/** A literal key must be the one the KeyError printed (as repr: `'sku'`, `3`); any other key expression may be. */
function keyMayBe(key: Node, printed: string | undefined): boolean {
  if (!LITERAL_KEYS.has(key.type) || printed === undefined) return true;
  if (key.type === 'integer') return key.text === printed;
  const content = key.namedChildren.find((c) => c?.type === 'string_content')?.text ?? '';
  return content === printed;
}
