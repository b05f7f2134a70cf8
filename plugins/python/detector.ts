import type { TraceBlockDetector } from '../../core/extract/extractedError.ts';

/*
 * A CPython 3.11 traceback (captured in test/fixtures/runtime/output/python):
 *
 *   Traceback (most recent call last):                         <- or `  + Exception Group Traceback ...`
 *     File "/srv/app/orders.py", line 12, in price              <- frame, outermost first
 *       return items[i]                                        <- source line
 *              ~~~~~^^^                                        <- markers
 *   IndexError: list index out of range                        <- exception line ends the section
 *   (blank)
 *   During handling of the above exception, another exception occurred:   <- chain separator
 *   (blank)
 *   Traceback (most recent call last): ...
 *
 * A SyntaxError in the main script has no `Traceback` line: it starts at `  File "x.py", line 1`.
 */

export const TRACEBACK_HEADER = 'Traceback (most recent call last):';
export const GROUP_HEADER = '  + Exception Group Traceback (most recent call last):';
export const CONTEXT_SEPARATOR = 'During handling of the above exception, another exception occurred:';
export const CAUSE_SEPARATOR = 'The above exception was the direct cause of the following exception:';

/** `  File "path", line N` (with `, in fn` except for SyntaxError locations). */
export function isPythonFrameLine(line: string): boolean {
  return line.startsWith('  File "') && line.indexOf('", line ', 8) !== -1;
}

function isSeparator(line: string): boolean {
  return line === CONTEXT_SEPARATOR || line === CAUSE_SEPARATOR;
}

const SYNTAX_ERROR_LINES = 4;

type LineKind = 'header' | 'indented' | 'separator' | 'exception' | 'blank';

function kindOf(line: string): LineKind {
  if (line.length === 0) return 'blank';
  const first = line.charCodeAt(0);
  if (first === 0x20 || first === 0x09) return 'indented';
  if (line.startsWith(TRACEBACK_HEADER)) return 'header';
  if (isSeparator(line)) return 'separator';
  return 'exception';
}

export const pythonDetector: TraceBlockDetector = {
  language: 'python',

  begins(line: string): boolean {
    const first = line.charCodeAt(0);
    if (first === 0x54 /* T */) return line.startsWith(TRACEBACK_HEADER);
    if (first === 0x20) return isPythonFrameLine(line) || line.startsWith(GROUP_HEADER);
    return false;
  },

  continues(line: string, block: readonly string[]): boolean {
    // Exception groups draw their nested tracebacks with indented `|` and `+-` borders.
    if (block[0]?.startsWith(GROUP_HEADER)) {
      const border = line.trimStart().charCodeAt(0);
      const indented = line.charCodeAt(0) === 0x20 || line.charCodeAt(0) === 0x09;
      return indented && (border === 0x7c /* | */ || border === 0x2b) /* + */ && !line.startsWith(GROUP_HEADER);
    }
    // A SyntaxError report without `Traceback` is four lines: location, source, caret, exception.
    if (isPythonFrameLine(block[0] ?? '') && kindOf(line) === 'indented' && block.length >= SYNTAX_ERROR_LINES - 1) {
      return false;
    }
    let last = block.length - 1;
    let blanks = 0;
    while (last > 0 && block[last] === '') {
      last--;
      blanks++;
    }
    const previous = kindOf(block[last] ?? '');
    const kind = kindOf(line);
    switch (previous) {
      case 'header':
      case 'indented':
        // Frames, source lines and markers, then the exception line closes the section.
        return kind === 'indented' || kind === 'exception';
      case 'exception':
        // Only a chain continues a finished section: a blank line, then the separator.
        return (kind === 'blank' && blanks === 0) || (kind === 'separator' && blanks === 1);
      case 'separator':
        return (kind === 'blank' && blanks === 0) || (kind === 'header' && blanks === 1);
      default:
        return false;
    }
  },

  accepts(block: readonly string[]): boolean {
    if (block[0]?.startsWith(GROUP_HEADER)) return block.length > 1;
    // A traceback with its exception line; a lone `  File "..."` line is not one.
    for (let i = block.length - 1; i > 0; i--) {
      if (kindOf(block[i] ?? '') === 'exception') return true;
    }
    return false;
  },

  printedByRuntime(block: readonly string[]): boolean {
    // The interpreter's report of an uncaught exception looks like `logging.exception` output, so a WARN line before
    // a traceback does not prove it was logged (and handled). One difference: an exception that reached the top of
    // the main thread went through module-level code, so the first frame of the traceback that ended the program is
    // `in <module>`; a logged traceback starts at the frame that caught it. Only when the last traceback of the block
    // starts elsewhere was it surely logged (a module-level `except` that logs at WARN is still kept).
    return lastTracebackStartsAtModule(block);
  },
};

/**
 * Whether the last traceback of a block (the one that ended a chain) starts `in <module>`, or the block has no
 * `Traceback` header to look under (a SyntaxError report, an exception group): both may be the interpreter's report.
 */
function lastTracebackStartsAtModule(block: readonly string[]): boolean {
  if (block[0]?.startsWith(GROUP_HEADER)) return true;
  let header = -1;
  for (let i = block.length - 1; i >= 0; i--) {
    if ((block[i] ?? '').startsWith(TRACEBACK_HEADER)) {
      header = i;
      break;
    }
  }
  if (header === -1) return true;
  const firstFrame = block.slice(header + 1).find(isPythonFrameLine);
  return firstFrame === undefined || firstFrame.endsWith(', in <module>');
}
