import type { LanguagePlugin } from '../../core/plugin/languagePlugin.ts';
import { goDetector } from './detector.ts';
import { goFixers } from './fixers/index.ts';
import { goParser } from './parser.ts';
import { detectGoTestCommand, goVetCommand } from './projectCommands.ts';
import { goRules } from './rules/goRules.ts';
import { checkGoSyntax } from './syntaxCheck.ts';

/** Go (gc runtime 1.19+): panics and fatal runtime errors, fixed on the tree-sitter-go syntax tree. */
export const goPlugin: LanguagePlugin = {
  language: 'go',
  aliases: [],
  detector: goDetector,
  parser: goParser,
  rules: goRules,
  fixers: goFixers,
  sourceExtensions: ['.go'],
  detectTestCommand: detectGoTestCommand,
  staticCheckCommand: goVetCommand,
  validateSyntax: checkGoSyntax,
};
