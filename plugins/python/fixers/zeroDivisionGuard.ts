import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer } from '../../../core/patch/candidate.ts';
import { distinct, isSimpleReference, proposal, withNodesOnTargetLine } from './fixSite.ts';

const DIVISIONS = new Set(['/', '//', '%']);
/** Parents in which the conditional expression needs no parentheses of its own. */
const BARE_CONTEXTS = new Set(['parenthesized_expression', 'return_statement', 'expression_statement']);

/**
 * `zero-division-guard`: `a / b` becomes `(a / b if b else 0.0)` (`0` for `//` and `%`), so an empty set gives a zero
 * average or ratio instead of an exception. Only divisors that are names, attribute chains or `len(<name>)` are
 * rewritten (they are evaluated twice); a literal zero is a different bug.
 */
export const zeroDivisionGuardFixer: Fixer = {
  strategy: 'zero-division-guard',
  propose(ctx: FixContext) {
    const edits = withNodesOnTargetLine(ctx, ['binary_operator'], (nodes) =>
      nodes.flatMap((node) => {
        const operator = node.childForFieldName('operator')?.text ?? '';
        const divisor = node.childForFieldName('right');
        if (!DIVISIONS.has(operator) || !isSafeDivisor(divisor)) return [];
        const zero = operator === '/' ? '0.0' : '0';
        const bare = BARE_CONTEXTS.has(node.parent?.type ?? '') || isAssignedValue(node);
        const guarded = `${node.text} if ${divisor.text} else ${zero}`;
        return [
          {
            what: node.text,
            edit: { start: node.startIndex, end: node.endIndex, text: bare ? guarded : `(${guarded})` },
          },
        ];
      }),
    );
    return distinct(
      edits.map(({ what, edit }) =>
        proposal(ctx, 'zero-division-guard', `Return zero instead of dividing by zero in \`${what}\`.`, [edit]),
      ),
    );
  },
};

function isSafeDivisor(node: Node | null): node is Node {
  if (node === null) return false;
  if (node.type !== 'call') return isSimpleReference(node);
  if (node.childForFieldName('function')?.text !== 'len') return false;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  return args.length === 1 && isSimpleReference(args[0] ?? null);
}

function isAssignedValue(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'assignment' && parent.childForFieldName('right')?.id === node.id;
}
