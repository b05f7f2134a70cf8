export type { ExtractedError, TraceBlockDetector } from './extractedError.ts';
export { ExtractionError, InvalidExtractOptionsError, LineSourceError } from './extractionError.ts';
export { createExtractionStats, type ExtractionStats, type ExtractOptions } from './extractOptions.ts';
export { type LineSource, type ReadLinesOptions, readLines } from './lineReader.ts';
export { extractErrors, extractErrorsFromString } from './logExtractor.ts';
