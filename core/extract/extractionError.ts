/** Base of the errors the extract module throws; callers can catch this one type. */
export class ExtractionError extends Error {
  override name = 'ExtractionError';
}

/** Options that cannot work (a cap of zero lines, a negative first line number). */
export class InvalidExtractOptionsError extends ExtractionError {
  override name = 'InvalidExtractOptionsError';
}

/** The log could not be opened or read; `cause` is the file system or stream error. */
export class LineSourceError extends ExtractionError {
  override name = 'LineSourceError';
}
