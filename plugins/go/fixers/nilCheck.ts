import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { exitEdits, type GoFixSite, guardableStatement, onTargetLine, openGoSite } from './fixSite.ts';
import { distinct, guardBefore, proposal } from './goEdits.ts';
import { enclosingFunction, importedPackages, isPureExpression } from './goSyntax.ts';
import { functionLabel, guardExit, typeOfExpression } from './goTypes.ts';

export const NIL_CHECK = 'nil-check';

/** Types whose values can be nil; a known type outside these cannot be the nil that was dereferenced. */
const NILABLE = new Set(['pointer_type', 'interface_type', 'function_type', 'qualified_type', 'type_identifier']);

/**
 * Guards the pointers dereferenced on the frame's line: `if c == nil || c.Rate == nil { return <zero values> }`
 * before the statement (Go frames have no column, so every pointer-like operand on the line is a suspect; the
 * combined guard and the innermost one alone are proposed). Results get their zero values, an `error` result a
 * new error naming what was nil.
 */
export const nilCheckFixer: Fixer = {
  strategy: NIL_CHECK,
  propose(ctx: FixContext): FixProposal[] {
    const site = openGoSite(ctx);
    if (site === null) return [];
    const suspects = dereferencedOnLine(site);
    if (suspects.length === 0) return [];
    const statement = guardableStatement(suspects[0]!);
    const fn = statement ? enclosingFunction(statement) : null;
    if (statement === null || fn === null) return [];
    const usable = suspects.filter((s) => guardableStatement(s)?.id === statement.id);
    const sets = [usable, usable.slice(-1)].filter((set) => set.length > 0);
    return distinct(
      sets.map((set) => {
        const names = set.map((s) => s.text);
        const exit = guardExit(fn, site.tree, `${functionLabel(fn)}: ${names.join(' or ')} is nil`);
        if (exit === null) return null;
        const condition = names.map((name) => `${name} == nil`).join(' || ');
        return proposal(
          ctx,
          NIL_CHECK,
          `Returns early when ${names.map((n) => `\`${n}\``).join(' or ')} is nil instead of dereferencing it.`,
          [guardBefore(site.source, statement, condition, exit.statement), ...exitEdits(site, exit)],
        );
      }),
    );
  },
};

/** Operands dereferenced on the line (selector operands, called func values, `*p`), outermost first. */
export function dereferencedOnLine(site: GoFixSite): Node[] {
  const packages = importedPackages(site.tree);
  const found = new Map<string, Node>();
  const consider = (operand: Node | null) => {
    if (operand === null || !isPureExpression(operand)) return;
    if (operand.type === 'identifier' && packages.has(operand.text)) return;
    if (operand.type === 'int_literal' || operand.type.endsWith('string_literal')) return;
    const type = typeOfExpression(operand, site.tree);
    if (type !== null && !NILABLE.has(type.type)) return;
    if (type?.type === 'type_identifier' && !isNamedPointerish(type.text)) return;
    if (!found.has(operand.text)) found.set(operand.text, operand);
  };
  for (const node of onTargetLine(site, ['selector_expression', 'call_expression', 'unary_expression'])) {
    if (node.type === 'selector_expression') consider(node.childForFieldName('operand'));
    else if (node.type === 'call_expression') {
      const fn = node.childForFieldName('function');
      if (
        fn?.type === 'index_expression' ||
        (fn?.type === 'identifier' && typeOfExpression(fn, site.tree)?.type === 'function_type')
      ) {
        consider(fn);
      }
    } else if (node.child(0)?.type === '*') consider(node.childForFieldName('operand'));
  }
  return [...found.values()].sort((a, b) => depth(a) - depth(b) || a.startIndex - b.startIndex);
}

/** `error` and `any` hold nil; other named types seen here are structs or basic types (values, never nil). */
function isNamedPointerish(name: string): boolean {
  return name === 'error' || name === 'any';
}

function depth(node: Node): number {
  return node.text.split(/[.[]/).length;
}
