import type { LanguagePlugin } from '../../core/plugin/languagePlugin.ts';
import { rubyDetector } from './detector.ts';
import { rubyParser } from './parser.ts';
import { detectRubyTestCommand, rubySyntaxCheckCommand } from './projectCommands.ts';
import { rubyRules } from './rules/rubyRules.ts';
import { checkRubySyntax } from './syntaxCheck.ts';

/** Ruby 3.x: uncaught exceptions as the interpreter prints them. No fixers yet: its rules analyse and classify only. */
export const rubyPlugin: LanguagePlugin = {
  language: 'ruby',
  aliases: [],
  detector: rubyDetector,
  parser: rubyParser,
  rules: rubyRules,
  fixers: [],
  sourceExtensions: ['.rb'],
  detectTestCommand: detectRubyTestCommand,
  staticCheckCommand: rubySyntaxCheckCommand,
  validateSyntax: checkRubySyntax,
};
