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
  /** True when the block was longer than the extractor's cap: the excerpt keeps its first lines and its last line. */
  truncated?: boolean;
  /** The log record's own message (pino `msg`, the text of the log line printed just before a trace), if any. */
  logMessage?: string | null;
}

/**
 * How a language's traces look in a plain-text log, so the extractor can cut them out of the line stream.
 * `begins` runs on every line of the log that is not already inside a block: it must be cheap.
 */
export interface TraceBlockDetector {
  readonly language: Language;
  begins(line: string, previous: string | null): boolean;
  /**
   * Whether `line` still belongs to the block whose lines so far are `block`. Once a block passes the extractor's
   * cap, `block` holds its first lines and, in its last slot, the most recent line.
   */
  continues(line: string, block: readonly string[]): boolean;
  /**
   * Whether a finished block really is a trace (e.g. a header followed by at least one frame). A rejected block's
   * lines after the first are read again as ordinary lines, so `begins` may be generous. Absent: every block is.
   */
  accepts?(block: readonly string[]): boolean;
  /**
   * True when the block may be the runtime's own report of an uncaught error (Node's report, `Exception in thread`,
   * a Go panic, a Python traceback), which no log line introduces: the line before it is then not taken as its log
   * record, so a WARN/INFO line there does not filter it out. Absent: false, the block was printed by a logger.
   */
  printedByRuntime?(block: readonly string[]): boolean;
}
