import type { LanguagePlugin } from '../../core/plugin/languagePlugin.ts';
import { csharpDetector } from './detector.ts';
import { csharpParser } from './parser.ts';
import { csharpBuildCommand, detectCsharpTestCommand } from './projectCommands.ts';
import { csharpRules } from './rules/csharpRules.ts';
import { checkCsharpSyntax } from './syntaxCheck.ts';

/** C# (.NET and Mono): uncaught and logged exceptions. No fixers yet: its rules analyse and classify only. */
export const csharpPlugin: LanguagePlugin = {
  language: 'csharp',
  aliases: [],
  detector: csharpDetector,
  parser: csharpParser,
  rules: csharpRules,
  fixers: [],
  sourceExtensions: ['.cs'],
  detectTestCommand: detectCsharpTestCommand,
  staticCheckCommand: csharpBuildCommand,
  validateSyntax: checkCsharpSyntax,
};
