import type { FixContext, FixProposal } from '../../../core/patch/candidate.ts';
import { newDiagnostics } from './fileAnalysis.ts';
import { applyTextEdits, type TextEdit } from './textEdits.ts';

/**
 * Applies `edits` to the target file and keeps the result only if it parses and, for TypeScript, adds no type error
 * to the file (errors it already had, such as imports the single-file check cannot see, do not count).
 */
export function buildProposal(
  ctx: FixContext,
  strategy: string,
  description: string,
  edits: readonly TextEdit[],
): FixProposal | null {
  const before = ctx.source;
  const after = applyTextEdits(before, edits);
  if (after === before) return null;
  if (newDiagnostics(ctx.target.path, before, after).length > 0) return null;
  return { strategy, description, edits: [{ path: ctx.target.path, before, after }] };
}

/** The proposals that were built, first of each distinct result kept. */
export function distinctProposals(proposals: readonly (FixProposal | null)[]): FixProposal[] {
  const seen = new Set<string>();
  const kept: FixProposal[] = [];
  for (const proposal of proposals) {
    if (proposal === null) continue;
    const key = proposal.edits.map((edit) => `${edit.path}\0${edit.after}`).join('\0');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(proposal);
  }
  return kept;
}
