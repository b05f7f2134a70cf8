/**
 * The lines of one trace block, capped so memory stays flat whatever the log holds. Past the cap it keeps the first
 * lines and, in one last slot, the most recent line: traces often end with what matters most for the parser
 * (`Node.js v20.20.2`, `exit status 2`), and detectors decide continuation from the previous line.
 */
export class BlockBuffer {
  readonly lines: string[] = [];
  /** Lines given to `add`, kept or not. */
  count = 0;
  truncated = false;
  private chars = 0;
  private readonly tailChars: number;

  constructor(
    private readonly maxLines: number,
    private readonly maxChars: number,
  ) {
    // The kept last line may not undo the character cap: a quarter of it at most.
    this.tailChars = Math.max(64, Math.floor(maxChars / 4));
  }

  /** Whether adding `line` would drop lines: the cap is reached. */
  wouldTruncate(line: string): boolean {
    return !this.truncated && (this.lines.length >= this.maxLines || this.chars + line.length > this.maxChars);
  }

  add(line: string): void {
    this.count++;
    if (!this.truncated && this.lines.length < this.maxLines && this.chars + line.length <= this.maxChars) {
      this.lines.push(line);
      this.chars += line.length + 1;
      return;
    }
    const tail = line.length > this.tailChars ? line.slice(0, this.tailChars) : line;
    if (!this.truncated && this.lines.length < this.maxLines) this.lines.push(tail);
    else this.lines[this.lines.length - 1] = tail;
    this.truncated = true;
  }

  /** Drops trailing blank lines (a detector may take a blank line in case a chain follows); returns how many. */
  trimTrailingBlanks(): number {
    let trimmed = 0;
    while (this.lines.length > 1 && this.lines[this.lines.length - 1] === '') {
      this.lines.pop();
      trimmed++;
    }
    return trimmed;
  }
}

/** `text` cut to the same caps, for a stack that arrives whole (a JSON string) rather than line by line. */
export function capText(text: string, maxLines: number, maxChars: number): { text: string; truncated: boolean } {
  const buffer = new BlockBuffer(maxLines, maxChars);
  let start = 0;
  while (start <= text.length && !buffer.truncated) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    buffer.add(withoutCarriageReturn(text.slice(start, end)));
    start = end + 1;
  }
  if (buffer.truncated && start <= text.length) {
    // Lines in between are dropped unread; the last line takes the tail slot, as for a streamed block.
    buffer.add(withoutCarriageReturn(text.slice(text.lastIndexOf('\n') + 1)));
  }
  buffer.trimTrailingBlanks();
  return { text: buffer.lines.join('\n'), truncated: buffer.truncated };
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
