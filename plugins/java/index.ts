import type { LanguagePlugin } from '../../core/plugin/languagePlugin.ts';
import { javaDetector } from './detector.ts';
import { javaFixers } from './fixers/index.ts';
import { javaParser } from './parser.ts';
import { detectJavaTestCommand, javacCheckCommand } from './projectCommands.ts';
import { javaRules } from './rules/javaRules.ts';
import { checkJavaSyntax } from './syntaxCheck.ts';

/** Java on the JVM (17+, helpful NullPointerException messages): traces, rules, tree-sitter fixers, javac checks. */
export const javaPlugin: LanguagePlugin = {
  language: 'java',
  aliases: [],
  detector: javaDetector,
  parser: javaParser,
  rules: javaRules,
  fixers: javaFixers,
  sourceExtensions: ['.java'],
  detectTestCommand: detectJavaTestCommand,
  staticCheckCommand: javacCheckCommand,
  validateSyntax: checkJavaSyntax,
};
