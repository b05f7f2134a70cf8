import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import ts from 'typescript';

/** A parsed file with a type checker over it: a `ts.Program` of that single file plus the standard library. */
export interface FileAnalysis {
  readonly path: string;
  readonly sourceFile: ts.SourceFile;
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
  /** False for JavaScript files: their types are inferred for the fixers, but type errors do not judge a patch. */
  readonly typeChecked: boolean;
}

// The file lives under a root that exists nowhere on disk, so its relative imports never resolve to some real file
// next to the healer: imported names are `any`, and only the file itself is judged.
const VIRTUAL_ROOT = '/__homeostasis_fixer__/';

// Used only when @types/node is not installed, so code that logs (as catch-and-log writes) still type-checks.
const CONSOLE_FALLBACK = `declare var console: { log(...data: any[]): void; error(...data: any[]): void;
  warn(...data: any[]): void; info(...data: any[]): void; debug(...data: any[]): void };`;
const CONSOLE_FALLBACK_PATH = `${VIRTUAL_ROOT}console.d.ts`;

function nodeTypeRoot(): string | null {
  try {
    return dirname(dirname(createRequire(import.meta.url).resolve('@types/node/package.json')));
  } catch {
    return null;
  }
}

const typeRoot = nodeTypeRoot();

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts'],
  strict: true,
  noEmit: true,
  allowJs: true,
  checkJs: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  esModuleInterop: true,
  jsx: ts.JsxEmit.Preserve,
  ...(typeRoot === null ? { types: [] } : { types: ['node'], typeRoots: [typeRoot] }),
};

// Library and @types files never change while the process runs; parsing them once takes a check from ~800 ms to
// ~30 ms (measured on Node 20, typescript 5.9).
const libraryFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * A library or @types file, parsed once per process (for ES2022 targets and non-Node module resolution, which do not
 * change how declaration files parse). Other programs over the same files may share it.
 */
export function cachedLibraryFile(
  name: string,
  languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions,
  read: (name: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions) => ts.SourceFile | undefined,
): ts.SourceFile | undefined {
  if (!libraryFiles.has(name)) libraryFiles.set(name, read(name, languageVersion));
  return libraryFiles.get(name);
}

function createProgram(fileName: string, text: string, oldProgram?: ts.Program): ts.Program {
  const host = ts.createCompilerHost(compilerOptions, true);
  const readLibrary = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion) => {
    if (name === fileName) return ts.createSourceFile(name, text, languageVersion, true);
    if (name === CONSOLE_FALLBACK_PATH) return ts.createSourceFile(name, CONSOLE_FALLBACK, languageVersion, true);
    return cachedLibraryFile(name, languageVersion, readLibrary);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) =>
    name === fileName || name === CONSOLE_FALLBACK_PATH || (!name.startsWith(VIRTUAL_ROOT) && fileExists(name));
  const roots = typeRoot === null ? [fileName, CONSOLE_FALLBACK_PATH] : [fileName];
  return ts.createProgram({ rootNames: roots, options: compilerOptions, host, ...(oldProgram ? { oldProgram } : {}) });
}

/** Parses and binds `text` as the file at repository path `path` (its extension decides TS, TSX or JS). */
export function analyzeFile(path: string, text: string): FileAnalysis {
  if (lastAnalysis?.path === path && lastAnalysis.sourceFile.text === text) return lastAnalysis;
  lastAnalysis = buildAnalysis(path, text);
  lastDiagnostics = undefined;
  return lastAnalysis;
}

// All fixers of one healing attempt read the same file: keep its analysis (and its diagnostics) instead of rebuilding
// them per fixer and per proposal. Patched texts are analysed once each and not kept.
let lastAnalysis: FileAnalysis | undefined;
let lastDiagnostics: string[] | undefined;

function buildAnalysis(path: string, text: string, previous?: FileAnalysis): FileAnalysis {
  const fileName = VIRTUAL_ROOT + path.replace(/^\/+/, '');
  // Building on the previous program of the same file reuses its library files and module resolutions.
  const program = createProgram(fileName, text, previous?.program);
  const sourceFile = program.getSourceFile(fileName);
  if (sourceFile === undefined) throw new Error(`the program did not load ${fileName}`);
  const typeChecked = !/\.[cm]?jsx?$/i.test(path);
  return { path, sourceFile, checker: program.getTypeChecker(), program, typeChecked };
}

// In JavaScript files only errors that stop the code from loading or running as written count: the grammar errors
// the checker finds (TS1xxx), `a || b ?? c` (TS5076), a redeclared `let`/`const` (TS2451) and assigning a `const`
// (TS2588). Type errors in untyped code say little about a patch.
const JAVASCRIPT_EARLY_ERRORS = new Set([5076, 2451, 2588]);

function countsIn(analysis: FileAnalysis, diagnostic: ts.Diagnostic): boolean {
  return analysis.typeChecked || diagnostic.code < 2000 || JAVASCRIPT_EARLY_ERRORS.has(diagnostic.code);
}

/**
 * The file's problems as comparable strings (code and message, no position: positions move when text is inserted).
 * Syntax errors always count; type errors in TypeScript files; see JAVASCRIPT_EARLY_ERRORS for JavaScript.
 */
export function diagnosticsOf(analysis: FileAnalysis): string[] {
  const { program, sourceFile } = analysis;
  const diagnostics: ts.Diagnostic[] = [
    ...program.getSyntacticDiagnostics(sourceFile),
    ...program.getSemanticDiagnostics(sourceFile).filter((d) => countsIn(analysis, d)),
  ];
  return diagnostics.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

function diagnosticsOfSource(path: string, text: string): string[] {
  const analysis = analyzeFile(path, text);
  lastDiagnostics ??= diagnosticsOf(analysis);
  return lastDiagnostics;
}

/** Problems `after` has that `before` did not (as a multiset): a proposal must not add any. */
export function newDiagnostics(path: string, before: string, after: string): string[] {
  const remaining = new Map<string, number>();
  for (const message of diagnosticsOfSource(path, before)) {
    remaining.set(message, (remaining.get(message) ?? 0) + 1);
  }
  const added: string[] = [];
  for (const message of diagnosticsOf(buildAnalysis(path, after, analyzeFile(path, before)))) {
    const count = remaining.get(message) ?? 0;
    if (count > 0) remaining.set(message, count - 1);
    else added.push(message);
  }
  return added;
}
