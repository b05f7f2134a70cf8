import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { declarationOf, readsOnlyParameters } from './declarations.ts';
import { callName, type FixSite, nodesOnLine, openFixSite } from './fixSite.ts';
import { guardExitsFor } from './guardExits.ts';
import {
  enclosingStatement,
  isConditionallyEvaluated,
  isRepeatable,
  namesDeclaredBy,
  namesRead,
} from './javaSyntax.ts';
import { buildProposal, distinctProposals, guardLines, insertBefore, replaceNode } from './textEdits.ts';
import { defaultFor, elementTypeOf, typeArgumentsOf } from './typeDefaults.ts';

export const BOUNDS_CHECK = 'bounds-check';

/** An indexed read on the frame's line: `a[i]` or `list.get(i)`. */
interface IndexedRead {
  node: Node;
  container: Node;
  index: Node;
  /** `a.length` or `list.size()`. */
  size: string;
  /** Type of the element, from the container's declaration, when known. */
  elementType: string | null;
}

/**
 * Checks the index of the array access (`ArrayIndexOutOfBoundsException`) or `List.get` (`IndexOutOfBoundsException`)
 * on the frame's line: a guard before the statement that returns early or throws a clear exception, and for reads
 * whose element type has a neutral value, `(i >= 0 && i < a.length ? a[i] : 0)`. Container and index must be
 * expressions that can be evaluated twice (names, fields, arithmetic, `size()`).
 */
export const boundsCheckFixer: Fixer = {
  strategy: BOUNDS_CHECK,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const reads = indexedReads(site).filter((r) => isRepeatable(r.container) && isRepeatable(r.index));
    // Several indexed reads on one line: the frame cannot say which one failed; guard them only if there are two.
    if (reads.length === 0 || reads.length > 2) return [];
    const proposals: (FixProposal | null)[] = [];
    for (const read of reads) {
      const nonNegative = /^\d+$/.test(read.index.text);
      const outside = nonNegative
        ? `${read.index.text} >= ${read.size}`
        : `${read.index.text} < 0 || ${read.index.text} >= ${read.size}`;
      proposals.push(...guards(site, read, outside));
      const fallback = defaultFor(read.elementType);
      if (fallback !== null && isAssignedFromOnly(read.node)) {
        const inside = nonNegative
          ? `${read.index.text} < ${read.size}`
          : `${read.index.text} >= 0 && ${read.index.text} < ${read.size}`;
        proposals.push(
          buildProposal(
            ctx,
            BOUNDS_CHECK,
            `Reads ${fallback} instead when \`${read.index.text}\` is outside \`${read.container.text}\`.`,
            [replaceNode(read.node, `(${inside} ? ${read.node.text} : ${fallback})`)],
          ),
        );
      }
    }
    return distinctProposals(proposals);
  },
};

function indexedReads(site: FixSite): IndexedRead[] {
  const arrays = site.ctx.errorType.endsWith('ArrayIndexOutOfBoundsException');
  if (arrays) {
    return nodesOnLine(site, ['array_access'], (n) => n.childForFieldName('index')).map((node) => {
      const container = node.childForFieldName('array')!;
      return {
        node,
        container,
        index: node.childForFieldName('index')!,
        size: `${container.text}.length`,
        elementType: elementTypeOf(declaredType(container)),
      };
    });
  }
  return nodesOnLine(site, ['method_invocation'], callName).flatMap((node) => {
    const container = node.childForFieldName('object');
    const args = node.childForFieldName('arguments');
    const index = args?.namedChildren[0];
    if (node.childForFieldName('name')?.text !== 'get' || !container || !index || args.namedChildCount !== 1) return [];
    const declared = declaredType(container);
    if (declared !== null && !/^(?:[\w.]*\.)?(?:\w*List|Collection)\s*</.test(declared)) return [];
    return [
      { node, container, index, size: `${container.text}.size()`, elementType: typeArgumentsOf(declared)[0] ?? null },
    ];
  });
}

function declaredType(container: Node): string | null {
  const name =
    container.type === 'identifier'
      ? container
      : container.type === 'field_access'
        ? container.childForFieldName('field')
        : null;
  return name === null ? null : (declarationOf(name.text, container)?.type ?? null);
}

/** `a[i]` read as a value (not the target of an assignment or `++`), so a substitute value makes sense. */
function isAssignedFromOnly(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === node.id) return false;
  return parent?.type !== 'update_expression';
}

function guards(site: FixSite, read: IndexedRead, outside: string): (FixProposal | null)[] {
  const statement = enclosingStatement(read.node);
  if (statement === null || isConditionallyEvaluated(statement, read.node)) return [];
  const declared = namesDeclaredBy(statement);
  if ([...namesRead(read.container), ...namesRead(read.index)].some((name) => declared.has(name))) return [];
  const fromParameter = readsOnlyParameters(read.index);
  const problem = `index ${read.index.text} is outside ${read.container.text}`;
  return guardExitsFor(read.node, { problem, fromParameter }).map((exit) => {
    const edit = insertBefore(site.source, statement, guardLines(site.source, statement, outside, exit.statement));
    if (edit === null) return null;
    return buildProposal(
      site.ctx,
      BOUNDS_CHECK,
      `Checks \`${read.index.text}\` against \`${read.size}\` first and ${exit.summary} when it is outside.`,
      [edit],
    );
  });
}
