import type { Language } from '../schema/taxonomy.ts';

/** One error block found in a log, before parsing. Text is raw: scrubbing happens when the event is built. */
export interface ExtractedError {
  /** Language whose trace format the block matched. */
  language: Language;
  /** The trace text (for a JSON record, its stack, or `type: message` when it has no stack). */
  excerpt: string;
  /** 1-based line numbers in the log, inclusive. */
  startLine: number;
  endLine: number;
  /** From the log record when it carries them (JSON field or line prefix). */
  timestamp: string | null;
  level: string | null;
  service: string | null;
  requestId: string | null;
  /** Error type/message a structured record states explicitly (pino `err.type`, bunyan `err.name`). */
  structured: { errorType: string | null; message: string | null } | null;
}

/**
 * How a language's traces look in a plain-text log, so the extractor can cut them out of the line stream.
 * `begins` runs on every line of the log that is not already inside a block: it must be cheap.
 */
export interface TraceBlockDetector {
  readonly language: Language;
  begins(line: string, previous: string | null): boolean;
  /** Whether `line` still belongs to the block whose lines so far are `block`. */
  continues(line: string, block: readonly string[]): boolean;
}
