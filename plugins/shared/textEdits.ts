import type { FixContext, FixProposal } from '../../core/patch/candidate.ts';

/** One splice of a file: replace `[start, end)` (string indexes, as tree-sitter reports them) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export class OverlappingEditsError extends Error {
  override name = 'OverlappingEditsError';
}

/**
 * Applies edits given in any order, keeping every other character of the file as it was. Insertions at the same
 * offset keep their given order (an `Unlock` after one statement, then a `Lock` before the next); edits that share
 * characters are a fixer bug.
 */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, order) => ({ ...edit, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new OverlappingEditsError(`edits overlap at offset ${edit.start}`);
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}

/** A proposal that rewrites the target file with `edits`. */
export function targetProposal(
  ctx: FixContext,
  strategy: string,
  description: string,
  edits: readonly TextEdit[],
): FixProposal {
  return {
    strategy,
    description,
    edits: [{ path: ctx.target.path, before: ctx.source, after: applyEdits(ctx.source, edits) }],
  };
}

/** Proposals that change something, the first of each distinct result kept (the most preferred). */
export function distinctProposals(proposals: readonly (FixProposal | null)[]): FixProposal[] {
  const seen = new Set<string>();
  const out: FixProposal[] = [];
  for (const proposal of proposals) {
    if (proposal === null) continue;
    const key = proposal.edits.map((e) => e.after).join('\u0000');
    if (proposal.edits.every((e) => e.after === e.before) || seen.has(key)) continue;
    seen.add(key);
    out.push(proposal);
  }
  return out;
}
