import type { LanguagePlugin } from '../../core/plugin/languagePlugin.ts';
import { pythonDetector } from './detector.ts';
import { pythonFixers } from './fixers/index.ts';
import { pythonParser } from './parser.ts';
import { detectPythonTestCommand, pythonStaticCheckCommand } from './projectCommands.ts';
import { pythonRules } from './rules/pythonRules.ts';
import { checkPythonSyntax } from './syntaxCheck.ts';

/** Python 3.11+ on CPython: tracebacks, rules, tree-sitter fixers, pytest/unittest. */
export const pythonPlugin: LanguagePlugin = {
  language: 'python',
  aliases: [],
  detector: pythonDetector,
  parser: pythonParser,
  rules: pythonRules,
  fixers: pythonFixers,
  sourceExtensions: ['.py'],
  detectTestCommand: detectPythonTestCommand,
  staticCheckCommand: pythonStaticCheckCommand,
  validateSyntax: checkPythonSyntax,
};
