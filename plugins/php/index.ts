import type { LanguagePlugin } from '../../core/plugin/languagePlugin.ts';
import { phpDetector } from './detector.ts';
import { phpParser } from './parser.ts';
import { detectPhpTestCommand, phpLintCommand } from './projectCommands.ts';
import { phpRules } from './rules/phpRules.ts';
import { checkPhpSyntax } from './syntaxCheck.ts';

/** PHP 8: uncaught errors and exceptions with their traces. No fixers yet: its rules analyse and classify only. */
export const phpPlugin: LanguagePlugin = {
  language: 'php',
  aliases: [],
  detector: phpDetector,
  parser: phpParser,
  rules: phpRules,
  fixers: [],
  sourceExtensions: ['.php'],
  detectTestCommand: detectPhpTestCommand,
  staticCheckCommand: phpLintCommand,
  validateSyntax: checkPhpSyntax,
};
