import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import ts from 'typescript';
import { cachedLibraryFile } from '../fileAnalysis.ts';

const nodeTypes = dirname(dirname(createRequire(import.meta.url).resolve('@types/node/package.json')));

// The project's own strictness (tsconfig.json), so a patched snippet is held to what the repository demands. Module
// settings match the fixers' analysis so both can share the parsed library files (see cachedLibraryFile).
const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts'],
  types: ['node'],
  typeRoots: [nodeTypes],
  strict: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noEmit: true,
  skipLibCheck: true,
  allowJs: true,
  checkJs: false,
};

/** Every syntax and type error of one file, each as `line: message`: an independent, stricter check of the fixers' output. */
export function typeErrorsOf(fileName: string, text: string): string[] {
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    if (name === fileName) return ts.createSourceFile(name, text, version, true);
    return cachedLibraryFile(name, version, read);
  };
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || exists(name);
  const program = ts.createProgram([fileName], options, host);
  const file = program.getSourceFile(fileName)!;
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
    const where = d.start === undefined ? '' : `${file.getLineAndCharacterOfPosition(d.start).line + 1}: `;
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
