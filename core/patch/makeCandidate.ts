import { createHash } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import type { Candidate, FixProposal } from './candidate.ts';

/** Gives a proposal an id (stable for the same change), a unified diff and its size. */
export function makeCandidate(proposal: FixProposal, strategyRank: number): Candidate {
  let diff = '';
  let diffSize = 0;
  for (const edit of proposal.edits) {
    const patch = createTwoFilesPatch(`a/${edit.path}`, `b/${edit.path}`, edit.before, edit.after, '', '', {
      context: 3,
    });
    // `diff` prints an `Index:`/`===` preamble; git-style patches start at the `---` line.
    const body = patch.slice(patch.indexOf('---'));
    diff += body;
    for (const line of body.split('\n')) {
      if ((line.startsWith('+') && !line.startsWith('+++')) || (line.startsWith('-') && !line.startsWith('---'))) {
        diffSize++;
      }
    }
  }
  const id = `${proposal.strategy}-${createHash('sha256').update(diff).digest('hex').slice(0, 8)}`;
  return { ...proposal, id, diff, diffSize, strategyRank };
}
