import type { LogSink } from '../src/logger.js';

/** Collects what the logger writes, parsed back from the JSON lines it produced. */
export class MemorySink implements LogSink {
  readonly lines: string[] = [];

  write(line: string): void {
    this.lines.push(line);
  }

  records(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
