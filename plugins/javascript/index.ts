import type { LanguagePlugin } from '../../core/plugin/languagePlugin.ts';
import { javascriptDetector } from './detector.ts';
import { javascriptFixers } from './fixers/index.ts';
import { javascriptParser } from './parser.ts';
import { detectJavaScriptTestCommand, typeCheckCommand } from './projectCommands.ts';
import { javascriptRules } from './rules/javascriptRules.ts';
import { TypeScriptScratchBuilder } from './scratchBuild.ts';
import { checkJavaScriptSyntax } from './syntaxCheck.ts';

/** JavaScript and TypeScript on V8 (Node.js): one plugin, since they share a runtime and its traces. */
export const javascriptPlugin: LanguagePlugin = {
  language: 'javascript',
  aliases: ['typescript'],
  detector: javascriptDetector,
  parser: javascriptParser,
  rules: javascriptRules,
  fixers: javascriptFixers,
  sourceExtensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
  compiledOutputBuilder: new TypeScriptScratchBuilder(),
  detectTestCommand: detectJavaScriptTestCommand,
  staticCheckCommand: typeCheckCommand,
  validateSyntax: checkJavaScriptSyntax,
};
