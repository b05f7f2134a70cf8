import type { LanguagePlugin } from '../../core/plugin/languagePlugin.ts';
import { rustDetector } from './detector.ts';
import { rustParser } from './parser.ts';
import { cargoCheckCommand, detectRustTestCommand } from './projectCommands.ts';
import { rustRules } from './rules/rustRules.ts';
import { checkRustSyntax } from './syntaxCheck.ts';

/** Rust 1.73+: panics and the stack-overflow abort. No fixers yet: its rules analyse and classify only. */
export const rustPlugin: LanguagePlugin = {
  language: 'rust',
  aliases: [],
  detector: rustDetector,
  parser: rustParser,
  rules: rustRules,
  fixers: [],
  sourceExtensions: ['.rs'],
  detectTestCommand: detectRustTestCommand,
  staticCheckCommand: cargoCheckCommand,
  validateSyntax: checkRustSyntax,
};
