import { z } from 'zod';
import type { Language } from '../schema/taxonomy.ts';
import type { TraceBlockDetector } from './extractedError.ts';
import { InvalidExtractOptionsError } from './extractionError.ts';

/** Counters a caller can pass in to see what the extractor did (and skipped, and why). */
export interface ExtractionStats {
  lines: number;
  events: number;
  /** Blocks a detector began and then rejected (e.g. an `Error: x` line with no frames after it). */
  rejectedBlocks: number;
  truncatedBlocks: number;
  jsonRecordsParsed: number;
  /** Lines that start like JSON and may hold an error but do not parse (cut by the logger, or not JSON). */
  malformedJsonRecords: number;
  /** Error-level JSON records with neither a stack nor an error object: a message, not an error to analyze. */
  errorRecordsWithoutTrace: number;
  /**
   * Traces logged at WARN (a logger's WARN line right before a stack): handled errors. JSON records below error
   * level are skipped before parsing, so they are not counted here.
   */
  belowErrorLevel: number;
}

export function createExtractionStats(): ExtractionStats {
  return {
    lines: 0,
    events: 0,
    rejectedBlocks: 0,
    truncatedBlocks: 0,
    jsonRecordsParsed: 0,
    malformedJsonRecords: 0,
    errorRecordsWithoutTrace: 0,
    belowErrorLevel: 0,
  };
}

export interface ExtractOptions {
  detectors: readonly TraceBlockDetector[];
  /** Lines kept per block. Default 200: a Java trace with two `Caused by:` and Spring frames fits, a goroutine dump of a busy server does not need to. */
  maxBlockLines?: number;
  /** Characters kept per block. Default 64 KiB, a quarter of an SQS message (256 KiB), so an excerpt always fits in one. */
  maxBlockBytes?: number;
  /** Language of a JSON error record whose stack no detector recognizes, or that has no stack. Default `javascript`: pino, bunyan and winston are Node.js loggers. */
  structuredLanguage?: Language;
  /** Also emit traces logged below error level (WARN records with an `err`). Default false: those are handled errors. */
  includeBelowErrorLevel?: boolean;
  /** Number of the first line, for a reader that resumes in the middle of a log. Default 1. */
  firstLineNumber?: number;
  /** Filled in while extracting. */
  stats?: ExtractionStats;
}

export interface ResolvedExtractOptions {
  detectors: readonly TraceBlockDetector[];
  maxBlockLines: number;
  maxBlockBytes: number;
  structuredLanguage: Language;
  includeBelowErrorLevel: boolean;
  firstLineNumber: number;
  stats: ExtractionStats;
}

const LimitsSchema = z.object({
  // Room for a header, a frame and the kept last line.
  maxBlockLines: z.number().int().min(3).max(100_000).default(200),
  maxBlockBytes: z
    .number()
    .int()
    .min(256)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  firstLineNumber: z.number().int().min(0).default(1),
});

export function resolveExtractOptions(options: ExtractOptions): ResolvedExtractOptions {
  const limits = LimitsSchema.safeParse({
    maxBlockLines: options.maxBlockLines,
    maxBlockBytes: options.maxBlockBytes,
    firstLineNumber: options.firstLineNumber,
  });
  if (!limits.success) {
    throw new InvalidExtractOptionsError(`invalid extract options: ${z.prettifyError(limits.error)}`);
  }
  if (!Array.isArray(options.detectors)) throw new InvalidExtractOptionsError('options.detectors must be an array');
  return {
    ...limits.data,
    detectors: options.detectors,
    structuredLanguage: options.structuredLanguage ?? 'javascript',
    includeBelowErrorLevel: options.includeBelowErrorLevel ?? false,
    stats: options.stats ?? createExtractionStats(),
  };
}
