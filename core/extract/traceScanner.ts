import { BlockBuffer } from './blockBuffer.ts';
import type { ExtractedError, TraceBlockDetector } from './extractedError.ts';
import type { ResolvedExtractOptions } from './extractOptions.ts';
import { mentionsErrorField, quickJsonLevel, readJsonRecord } from './jsonRecord.ts';
import { isErrorLevel } from './logLevel.ts';
import { parseLogPrefix } from './logPrefix.ts';

interface OpenBlock {
  detector: TraceBlockDetector;
  buffer: BlockBuffer;
  startLine: number;
  /** The log line printed just before the block (Python `logging`, logback, Go `log`), for its metadata. */
  prefixLine: string | null;
}

/**
 * The extractor's state machine, fed one line at a time (sync, so both the streaming and the string entry points
 * share it). At most one block is open; a line that does not continue it closes it, and is then read afresh.
 * Memory: the open block (capped), the previous line, and the errors found since the last `drain()`.
 */
export class TraceScanner {
  private open: OpenBlock | null = null;
  private nextLineNumber: number;
  /** The line before the current one, whatever it was (what `begins` gets as `previous`). */
  private previous: string | null = null;
  /** The previous line when it was outside any block and not JSON: a candidate prefix line. */
  private plainPrevious: string | null = null;
  private found: ExtractedError[] = [];

  constructor(private readonly options: ResolvedExtractOptions) {
    this.nextLineNumber = options.firstLineNumber;
  }

  push(line: string): void {
    this.options.stats.lines++;
    this.feed(line, this.nextLineNumber++);
  }

  /** Closes the block still open at the end of the input. */
  finish(): void {
    // Re-reading a rejected block may open another one: close until none is left.
    while (this.open !== null) this.close();
  }

  get hasFound(): boolean {
    return this.found.length > 0;
  }

  /** The errors found since the last call, in log order. */
  drain(): ExtractedError[] {
    const found = this.found;
    this.found = [];
    return found;
  }

  private feed(line: string, lineNumber: number): void {
    const open = this.open;
    if (open !== null) {
      if (open.detector.continues(line, open.buffer.lines)) {
        const { detector, buffer } = open;
        if (buffer.wouldTruncate(line) && detector.accepts !== undefined && !detector.accepts(buffer.lines)) {
          // A block the detector rejects is read again line by line; reject it now, before the cap drops lines.
          this.close();
          this.feed(line, lineNumber);
          return;
        }
        buffer.add(line);
        this.previous = line;
        this.plainPrevious = null;
        return;
      }
      this.close();
      // Re-reading a rejected block may have opened another one, which this line may continue.
      if (this.open !== null) {
        this.feed(line, lineNumber);
        return;
      }
    }
    this.scanFree(line, lineNumber, null);
  }

  private scanFree(line: string, lineNumber: number, skip: TraceBlockDetector | null): void {
    if (line.charCodeAt(0) === 0x7b /* { */) {
      this.readJson(line, lineNumber);
      this.previous = line;
      this.plainPrevious = null;
      return;
    }
    for (const detector of this.options.detectors) {
      if (detector === skip || !detector.begins(line, this.previous)) continue;
      const buffer = new BlockBuffer(this.options.maxBlockLines, this.options.maxBlockBytes);
      buffer.add(line);
      this.open = { detector, buffer, startLine: lineNumber, prefixLine: this.plainPrevious };
      this.previous = line;
      this.plainPrevious = null;
      return;
    }
    this.previous = line;
    this.plainPrevious = line;
  }

  private readJson(line: string, lineNumber: number): void {
    const stats = this.options.stats;
    const level = quickJsonLevel(line);
    if (level === 'below' && !this.options.includeBelowErrorLevel) return;
    if (!mentionsErrorField(line)) {
      if (level === 'error') stats.errorRecordsWithoutTrace++;
      return;
    }
    const outcome = readJsonRecord(line, lineNumber, this.options);
    if (outcome.kind === 'event') {
      stats.jsonRecordsParsed++;
      this.emit(outcome.error);
      return;
    }
    if (outcome.reason === 'malformed') stats.malformedJsonRecords++;
    else stats.jsonRecordsParsed++;
    if (outcome.reason === 'below-error-level') stats.belowErrorLevel++;
    if (outcome.reason === 'no-trace') stats.errorRecordsWithoutTrace++;
  }

  private close(): void {
    const block = this.open;
    if (block === null) return;
    this.open = null;
    const { buffer, detector } = block;
    const trimmed = buffer.trimTrailingBlanks();
    if (detector.accepts !== undefined && !detector.accepts(buffer.lines)) {
      this.options.stats.rejectedBlocks++;
      // Read the lines again: the first by the other detectors, the rest as usual. (A block is rejected before it
      // is truncated, see feed; a truncated one would have lost its middle, so it is dropped.)
      if (buffer.truncated) return;
      const lines = buffer.lines;
      this.previous = block.prefixLine;
      this.plainPrevious = block.prefixLine;
      this.scanFree(lines[0] ?? '', block.startLine, detector);
      for (let i = 1; i < lines.length; i++) this.feed(lines[i] ?? '', block.startLine + i);
      // The blank lines trimmed off the end matter too: a Python chain continues after one.
      for (let i = 0; i < trimmed; i++) this.feed('', block.startLine + lines.length + i);
      return;
    }
    const prefix = block.prefixLine === null ? null : parseLogPrefix(block.prefixLine);
    const level = prefix?.level ?? null;
    // A WARN line then a stack is how loggers print a handled error (`log.warn("retrying", e)`), unless the block
    // is a crash report only the runtime prints. After an INFO line, a stack is more likely a crash that followed it.
    const handled = level === 'warn' && !(detector.printedByRuntime?.(buffer.lines) ?? false);
    if (handled && !this.options.includeBelowErrorLevel) {
      this.options.stats.belowErrorLevel++;
      return;
    }
    // Otherwise the line before is the block's record only if it is an error line or has no level (Go's `log`);
    // its time is kept either way, as the nearest the log says about when the block was printed.
    const record = prefix !== null && (level === null || isErrorLevel(level) || handled) ? prefix : null;
    if (buffer.truncated) this.options.stats.truncatedBlocks++;
    const error: ExtractedError = {
      language: detector.language,
      excerpt: buffer.lines.join('\n'),
      startLine: block.startLine,
      endLine: block.startLine + buffer.count - 1 - trimmed,
      timestamp: prefix?.timestamp ?? null,
      level: record?.level ?? null,
      service: null,
      requestId: null,
      structured: null,
      logMessage: record?.message ?? null,
    };
    if (buffer.truncated) error.truncated = true;
    this.emit(error);
  }

  private emit(error: ExtractedError): void {
    this.options.stats.events++;
    this.found.push(error);
  }
}
