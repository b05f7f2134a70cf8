import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { openFixSite } from './fixSite.ts';
import { enclosingCallable, returnTypeOf } from './javaSyntax.ts';
import { mapGetsOnLine } from './mapLookup.ts';
import { buildProposal, distinctProposals, replaceNode } from './textEdits.ts';
import { defaultFor } from './typeDefaults.ts';

export const MAP_GET_OR_DEFAULT = 'map-get-or-default';

/**
 * `map.get(key)` returned null for a missing key and the result was dereferenced or unboxed: rewrites the call to
 * `map.getOrDefault(key, <default>)`. The default comes from the map's declared value type (`Map<String, Integer>`
 * -> `0`, `Map<String, List<X>>` -> `List.of()`), else from what receives the value (a primitive local, the method's
 * return type). Refuses when neither gives an obvious neutral value (an application type).
 */
export const mapGetOrDefaultFixer: Fixer = {
  strategy: MAP_GET_OR_DEFAULT,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const proposals: FixProposal[] = [];
    for (const get of mapGetsOnLine(site)) {
      const fallback = defaultFor(get.valueType) ?? defaultFor(receivingType(get.call));
      if (fallback === null) continue;
      const name = get.call.childForFieldName('name')!;
      const args = get.call.childForFieldName('arguments')!;
      proposals.push(
        buildProposal(
          ctx,
          MAP_GET_OR_DEFAULT,
          `Uses \`${get.receiver.text}.getOrDefault(${get.key.text}, ${fallback})\` so a missing key yields ${fallback} instead of null.`,
          [
            replaceNode(name, 'getOrDefault'),
            { start: args.endIndex - 1, end: args.endIndex - 1, text: `, ${fallback}` },
          ],
        ),
      );
    }
    return distinctProposals(proposals);
  },
};

/** The type the call's value is assigned or returned to, when the call is the whole value. */
function receivingType(call: Node): string | null {
  const parent = call.parent;
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === call.id) {
    return parent.parent?.childForFieldName('type')?.text ?? null;
  }
  if (parent?.type === 'return_statement') return returnTypeOf(enclosingCallable(call));
  return null;
}
