import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { exitEdits, type GoFixSite, guardableStatement, onTargetLine, openGoSite } from './fixSite.ts';
import { distinct, guardBefore, insertAfter, proposal } from './goEdits.ts';
import { declaredNames, descendants, enclosingFunction, freshName, isPureExpression } from './goSyntax.ts';
import { functionLabel, guardExit, typeOfExpression } from './goTypes.ts';
import { dereferencedOnLine } from './nilCheck.ts';

export const MAP_OK_LOOKUP = 'map-ok-lookup';

/**
 * Two map mistakes. A missing key read as its zero value and then used (`c := carriers[name]` then `c.Rate`):
 * the lookup becomes `c, ok := carriers[name]` with `if !ok { return ... }` after it. A write to a nil map
 * (`totals[k] += n` where `totals` was never made): `if totals == nil { totals = make(map[K]V) }` before it, the
 * map type read from the declaration.
 */
export const mapOkLookupFixer: Fixer = {
  strategy: MAP_OK_LOOKUP,
  propose(ctx: FixContext): FixProposal[] {
    const site = openGoSite(ctx);
    if (site === null) return [];
    return distinct([...initialiseNilMap(site), ...commaOkLookups(site)]);
  },
};

function initialiseNilMap(site: GoFixSite): (FixProposal | null)[] {
  const writes = onTargetLine(site, ['assignment_statement', 'inc_statement', 'dec_statement']);
  return writes.flatMap((write) => {
    const targets =
      write.type === 'assignment_statement'
        ? (write.childForFieldName('left')?.namedChildren ?? [])
        : [write.namedChild(0)];
    return targets.flatMap((target) => {
      if (target?.type !== 'index_expression') return [];
      const map = target.childForFieldName('operand');
      if (!map || !isPureExpression(map)) return [];
      const type = typeOfExpression(map, site.tree);
      const statement = guardableStatement(map);
      if (type?.type !== 'map_type' || statement === null) return [];
      return [
        proposal(site.ctx, MAP_OK_LOOKUP, `Makes \`${map.text}\` before writing to it when it is still a nil map.`, [
          guardBefore(site.source, statement, `${map.text} == nil`, `${map.text} = make(${type.text})`),
        ]),
      ];
    });
  });
}

function commaOkLookups(site: GoFixSite): (FixProposal | null)[] {
  const useRow = site.ctx.target.line - 1;
  return dereferencedOnLine(site).flatMap((used) => {
    if (used.type !== 'identifier') return [];
    const fn = enclosingFunction(used);
    if (fn === null) return [];
    const lookup = lookupDeclaring(fn, used.text, used.startIndex);
    if (lookup === null || lookup.decl.startPosition.row >= useRow) return [];
    const mapType = typeOfExpression(lookup.map, site.tree);
    if (mapType !== null && mapType.type !== 'map_type') return [];
    const exit = guardExit(fn, site.tree, `${functionLabel(fn)}: no ${lookup.map.text} entry for the key`);
    if (exit === null || guardableStatement(lookup.decl) === null) return [];
    const ok = freshName('ok', declaredNames(fn));
    const left = lookup.decl.childForFieldName('left')!;
    return [
      proposal(
        site.ctx,
        MAP_OK_LOOKUP,
        `Checks that \`${lookup.map.text}\` has the key before using \`${used.text}\`.`,
        [
          { start: left.endIndex, end: left.endIndex, text: `, ${ok}` },
          insertAfter(site.source, lookup.decl, [`if !${ok} {`, `\t${exit.statement}`, '}']),
          ...exitEdits(site, exit),
        ],
      ),
    ];
  });
}

/** The `name := m[k]` before `before` in `fn`, when `m` is a map (declared as one, or of unknown type). */
function lookupDeclaring(fn: Node, name: string, before: number): { decl: Node; map: Node } | null {
  const decls = descendants(fn, ['short_var_declaration']).filter((d) => d.startIndex < before);
  for (const decl of decls.reverse()) {
    const left = decl.childForFieldName('left')?.namedChildren ?? [];
    const right = decl.childForFieldName('right')?.namedChildren ?? [];
    if (left.length !== 1 || left[0]?.text !== name) continue;
    const value = right[0];
    if (right.length !== 1 || value?.type !== 'index_expression') return null;
    const map = value.childForFieldName('operand');
    if (!map) return null;
    return { decl, map };
  }
  return null;
}
