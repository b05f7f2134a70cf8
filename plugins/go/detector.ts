import type { TraceBlockDetector } from '../../core/extract/extractedError.ts';

/*
 * A Go crash as the runtime prints it (captured from Go in test/fixtures/runtime/output/go):
 *
 *   panic: runtime error: index out of range [5] with length 3      <- or `fatal error: concurrent map writes`
 *   [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x482f4e]   <- nil dereferences only
 *   (blank)
 *   goroutine 1 [running]:
 *   main.divide(...)                                                 <- function line
 *   	/srv/app/main.go:12 +0x1d                                     <- its file line
 *   created by main.main                                             <- goroutine creator (then its file line)
 *   (blank, more goroutines for fatal errors)
 *   exit status 2                                                    <- added by `go run`
 */

/** Header lines before the goroutine dump: a panic, the panics raised while it unwound, or two fatal errors. */
const MAX_HEADER_LINES = 6;

export function isGoFileLine(line: string): boolean {
  return line.charCodeAt(0) === 0x09 && line.length > 1 && line.charCodeAt(1) !== 0x09;
}

/** `pkg.fn(args)`, `pkg.(*T).M(...)`: no spaces before the argument list, ends with `)`. */
export function isGoFunctionLine(line: string): boolean {
  if (line.length < 3 || line.charCodeAt(line.length - 1) !== 0x29) return false;
  const open = line.indexOf('(');
  if (open <= 0) return false;
  const space = line.indexOf(' ');
  return space === -1 || space > open;
}

export function isGoroutineHeader(line: string): boolean {
  return line.startsWith('goroutine ') && line.endsWith(':');
}

/** `panic: ...` or `fatal error: ...` at the start of a line. */
export function isGoHeaderLine(line: string): boolean {
  return line.startsWith('panic: ') || line.startsWith('fatal error: ');
}

export const goDetector: TraceBlockDetector = {
  language: 'go',

  begins(line: string): boolean {
    const first = line.charCodeAt(0);
    return (first === 0x70 /* p */ || first === 0x66) /* f */ && isGoHeaderLine(line);
  },

  continues(line: string, block: readonly string[]): boolean {
    const last = block[block.length - 1] ?? '';
    if (last.startsWith('exit status ')) return false;
    if (line.length === 0) return last.length !== 0;
    if (line.charCodeAt(0) === 0x09) {
      // The file line of a frame, a re-panic under the first panic, or a stack the runtime could not print.
      return (
        isGoFunctionLine(last) ||
        last.startsWith('created by ') ||
        line.startsWith('\tpanic: ') ||
        (isGoroutineHeader(last) && line.startsWith('\tgoroutine running on other thread'))
      );
    }
    if (isGoroutineHeader(line) || line.startsWith('[signal ') || line.startsWith('exit status ')) return true;
    if (line.startsWith('created by ') || line.startsWith('...additional frames elided...')) return true;
    // Two goroutines can fail at once: `fatal error: concurrent map writes` printed twice before the dump. More
    // than a few header lines in a row are not one crash (and would make a long block to reject).
    if (isGoHeaderLine(line))
      return block.length < MAX_HEADER_LINES && (isGoHeaderLine(last) || last.startsWith('\tpanic: '));
    // A function line comes right after a goroutine header or the previous frame's file line.
    return (isGoroutineHeader(last) || isGoFileLine(last)) && isGoFunctionLine(line);
  },

  accepts(block: readonly string[]): boolean {
    return block.some(isGoroutineHeader);
  },

  printedByRuntime(): boolean {
    // Only the runtime prints `panic:` with goroutine stacks; `log.Panic` prints its line first, then this.
    return true;
  },
};
