import type { Cause, ParsedTrace, StackTraceParser } from '../../core/parse/parsedTrace.ts';
import type { Frame } from '../../core/schema/errorEvent.ts';
import { csharpHeaderText, isCsharpFrameLine, isCsharpInnerEnd } from './detector.ts';

/**
 * C# exceptions (Mono and .NET Core formats, see detector.ts). errorType is the full class name as printed
 * (`System.Collections.Generic.KeyNotFoundException`); the message runs to the first frame, so Mono's
 * `Parameter name: source` line stays part of it. A header `Outer: msg ---> Inner: msg` is an inner-exception chain:
 * the event is the outermost exception with its own frames (those after the last `--- End of inner exception stack
 * trace ---`), the inner ones are its causes, outermost link first (as Java's `Caused by:`).
 * Mono prints an uncaught exception twice; the first copy with frames is read (for a stack overflow the first copy
 * is the bare class name, the `[ERROR] FATAL` copy has the message and the frames).
 */

const INNER_SEPARATOR = ' ---> ';
/** `System.X` or `System.X: message`. */
const TYPE_AND_MESSAGE = /^(?<type>[^\s:]+)(?:: (?<message>[\s\S]*))?$/;
/**
 * Mono: `  at Ns.C.M (System.String s) [0x00019] in /app/Program.cs:228` (`in <mvid>:0` when there are no symbols).
 * .NET Core: `   at Ns.C.M(String s) in /app/Program.cs:line 12`. Mono wrappers: `  at (wrapper ...) Ns.C.M(args)`.
 */
const FRAME =
  /^ +at (?:\(wrapper [^)]*\) )?(?<method>[^\s(]+) ?\((?<args>[^)]*)\)(?: \[0x[\da-f]+\])?(?: <0x[\da-f]+(?: \+ 0x[\da-f]+)?>)?(?: in (?<file>.+?):(?:line )?(?<line>\d+))? *$/;
/** Prefixes that always start a new copy of the report, even right under a header (Mono's stack overflow). */
const REPEAT_PREFIXES = ['[ERROR] FATAL UNHANDLED EXCEPTION: ', 'Unhandled exception. '];
const LIBRARY_NAMESPACES = ['System.', 'Microsoft.', 'Mono.'];
/** `Dictionary\`2[TKey,TValue].get_Item` -> module `...Dictionary\`2[TKey,TValue]`, function `get_Item`; `..ctor` kept. */
const METHOD_SPLIT = /^(?<module>.*?[^.])\.(?<function>\.?[^.]+)$/;

export function isCsharpInApp(module: string | null, file: string): boolean {
  if (file.length === 0) return false;
  const name = module ?? '';
  return !LIBRARY_NAMESPACES.some((prefix) => name.startsWith(prefix));
}

export function parseCsharpFrame(line: string): Frame | null {
  const groups = FRAME.exec(line)?.groups;
  if (!groups) return null;
  const method = groups['method'] ?? '';
  const split = METHOD_SPLIT.exec(method)?.groups;
  const module = split?.['module'] ?? null;
  // `<12b418a7818c4ca0893feeaaf67f1e7f>:0` is Mono naming an assembly without symbols, not a source file.
  const rawFile = groups['file'] ?? '';
  const file = rawFile.startsWith('<') ? '' : rawFile;
  return {
    file,
    line: file.length > 0 && groups['line'] !== undefined ? Number(groups['line']) : null,
    column: null,
    function: split?.['function'] ?? (method || null),
    module,
    inApp: isCsharpInApp(module, file),
  };
}

interface CsharpException {
  chain: { errorType: string; message: string }[];
  /** Frame groups separated by `--- End of inner exception stack trace ---`: the last group is the outermost's. */
  frameGroups: Frame[][];
}

function readChain(header: string): { errorType: string; message: string }[] {
  return header.split(INNER_SEPARATOR).map((part) => {
    const groups = TYPE_AND_MESSAGE.exec(part)?.groups;
    // .NET Core puts ` ---> Inner: msg` on its own line: the newline before it is not part of the message.
    return { errorType: groups?.['type'] ?? part.trim(), message: (groups?.['message'] ?? '').trimEnd() };
  });
}

function readExceptions(lines: readonly string[]): CsharpException[] {
  const exceptions: CsharpException[] = [];
  let headerLines: string[] | null = null;
  for (const line of lines) {
    const current = exceptions[exceptions.length - 1];
    const header = csharpHeaderText(line);
    if (header !== null && (headerLines === null || REPEAT_PREFIXES.some((prefix) => line.startsWith(prefix)))) {
      headerLines = [header];
      exceptions.push({ chain: readChain(header), frameGroups: [[]] });
    } else if (isCsharpFrameLine(line)) {
      headerLines = null;
      const frame = parseCsharpFrame(line);
      if (frame && current) current.frameGroups[current.frameGroups.length - 1]?.push(frame);
    } else if (isCsharpInnerEnd(line)) {
      if (current && line.includes('inner exception')) current.frameGroups.push([]);
    } else if (headerLines !== null && current) {
      // A message that spans lines (Mono's `Parameter name:`): everything up to the first frame.
      headerLines.push(line);
      current.chain = readChain(headerLines.join('\n'));
    }
  }
  return exceptions;
}

function parseCsharp(excerpt: string): ParsedTrace | null {
  const lines = excerpt.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const exceptions = readExceptions(lines);
  const chosen = exceptions.find((e) => e.frameGroups.some((group) => group.length > 0)) ?? exceptions[0];
  const [outer, ...inner] = chosen?.chain ?? [];
  if (chosen === undefined || outer === undefined) return null;
  const causes: Cause[] = inner.map(({ errorType, message }) => ({ errorType, message, relation: 'caused-by' }));
  const frames = chosen.frameGroups[chosen.frameGroups.length - 1] ?? [];
  const mono = lines.some((line) => line === 'Unhandled Exception:' || / \[0x[\da-f]+\]/.test(line));
  return {
    language: 'csharp',
    errorType: outer.errorType,
    message: outer.message,
    frames,
    causes,
    runtime: { name: mono ? 'mono' : 'dotnet', version: null },
  };
}

export const csharpParser: StackTraceParser = {
  language: 'csharp',
  parse(excerpt: string): ParsedTrace | null {
    try {
      return parseCsharp(excerpt);
    } catch {
      // The contract is "never throw": a log is untrusted input and one odd block must not stop the pipeline.
      return null;
    }
  },
};
