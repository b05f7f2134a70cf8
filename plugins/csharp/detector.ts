import type { TraceBlockDetector } from '../../core/extract/extractedError.ts';

/*
 * C# exceptions as .NET prints them. Mono 6.8 (captured in rules/captured/) prints an uncaught exception twice, the
 * second time after `[ERROR] FATAL UNHANDLED EXCEPTION: `; frames are indented by two spaces:
 *
 *   Unhandled Exception:
 *   System.InvalidOperationException: config is invalid ---> System.FormatException: Input string was not ...
 *     at System.Int32.Parse (System.String s) [0x00019] in <12b418a7818c4ca0893feeaaf67f1e7f>:0
 *     at Cases.Shop.ReadPort (System.String text) [0x00002] in /app/Program.cs:228
 *      --- End of inner exception stack trace ---
 *     at Cases.Shop.InnerException () [0x0001b] in /app/Program.cs:239
 *   [ERROR] FATAL UNHANDLED EXCEPTION: System.InvalidOperationException: config is invalid ---> ...
 *
 * .NET Core (documented format, not installable here): `Unhandled exception. System.X: msg` then frames indented by
 * three spaces, `   at Ns.Class.Method(String a) in /app/Program.cs:line 12`. A logged `ex.ToString()` is the same
 * without the first prefix. Java frames start with a tab and Java packages are lower case, so the two do not mix.
 */

const MONO_UNHANDLED = 'Unhandled Exception:';
const CORE_UNHANDLED = 'Unhandled exception. ';
const MONO_FATAL = '[ERROR] FATAL UNHANDLED EXCEPTION: ';
/** `System.IO.FileNotFoundException: msg`, `Cases.OrderException`: PascalCase namespaces, a type ending in Exception. */
const EXCEPTION_HEADER = /^(?:[A-Z][\w`]*[.+])*[A-Z][\w`]*Exception(?::|$)/;
const FRAME = /^ {2,}at \S/;
/** A Node.js frame (`at f (/app/x.js:3:9)`): same `at` indent, but line AND column, which .NET never prints. */
const NODE_FRAME = /^\s+at .*:\d+:\d+\)?\s*$/;
const INNER_END = /^ +--- End of (?:inner exception|stack trace from previous location)/;
/** Message lines Mono prints under the header: an argument's parameter, a missing file's name. */
const PARAMETER_LINE = /^(?:Parameter name: \S+|File name: '.*')$/;
/** Longer lines are not worth a regex run: loggers cut such messages anyway. */
const MAX_HEADER_LENGTH = 8192;

export function isCsharpFrameLine(line: string): boolean {
  return FRAME.test(line);
}

export function isCsharpInnerEnd(line: string): boolean {
  return INNER_END.test(line);
}

/** The `Type: message` part of a header line (prefixes removed), or null when the line is not one. */
export function csharpHeaderText(line: string): string | null {
  if (line.length > MAX_HEADER_LENGTH) return null;
  let text = line;
  if (text.startsWith(CORE_UNHANDLED)) text = text.slice(CORE_UNHANDLED.length);
  else if (text.startsWith(MONO_FATAL)) text = text.slice(MONO_FATAL.length);
  return EXCEPTION_HEADER.test(text) ? text : null;
}

export const csharpDetector: TraceBlockDetector = {
  language: 'csharp',

  begins(line: string): boolean {
    return line === MONO_UNHANDLED || csharpHeaderText(line) !== null;
  },

  continues(line: string, block: readonly string[]): boolean {
    if (isCsharpFrameLine(line) || isCsharpInnerEnd(line)) return true;
    const last = block[block.length - 1] ?? '';
    // .NET Core 3+ prints each inner exception of the header on its own ` ---> Inner: msg` line.
    if (line.startsWith(' ---> ')) return !block.some(isCsharpFrameLine);
    // Mono's header follows `Unhandled Exception:`; for a stack overflow it is the bare class name.
    if (last === MONO_UNHANDLED) return line.length > 0;
    if (line.startsWith(MONO_FATAL)) return csharpHeaderText(line) !== null;
    // Mono (4.x to 6.x) prints an ArgumentException's parameter (and a FileNotFoundException's file) on its own line.
    if (PARAMETER_LINE.test(line)) return csharpHeaderText(last) !== null;
    return false;
  },

  accepts(block: readonly string[]): boolean {
    // `ValidationException: bad` over Node frames is a JavaScript error with a custom class name, not C#.
    return block.some(isCsharpFrameLine) && !block.some((line) => NODE_FRAME.test(line));
  },

  printedByRuntime(block: readonly string[]): boolean {
    const first = block[0] ?? '';
    return first === MONO_UNHANDLED || first.startsWith(CORE_UNHANDLED) || first.startsWith(MONO_FATAL);
  },
};
