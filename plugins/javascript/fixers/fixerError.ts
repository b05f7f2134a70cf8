/** Base error of the JavaScript fixers. Fixers refuse by returning `[]`; these signal a bug in a fixer itself. */
export class FixerError extends Error {
  override name = 'FixerError';
}

/** Two edits of one proposal touch the same text: splicing them would garble the file. */
export class OverlappingEditsError extends FixerError {
  override name = 'OverlappingEditsError';

  constructor(first: { start: number; end: number }, second: { start: number; end: number }) {
    super(`edits overlap: [${first.start}, ${first.end}) and [${second.start}, ${second.end})`);
  }
}
