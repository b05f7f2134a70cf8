/** Base error of the Java fixers. Fixers refuse by returning `[]`; these signal a bug in a fixer itself. */
export class JavaFixerError extends Error {
  override name = 'JavaFixerError';
}

/** Two edits of one proposal touch the same text: splicing them would garble the file. */
export class OverlappingEditsError extends JavaFixerError {
  override name = 'OverlappingEditsError';
}
