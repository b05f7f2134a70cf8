import type { TraceBlockDetector } from '../extract/extractedError.ts';
import type { StackTraceParser } from '../parse/parsedTrace.ts';
import type { Fixer } from '../patch/candidate.ts';
import type { RuleFile } from '../rules/ruleSchema.ts';
import type { Language } from '../schema/taxonomy.ts';
import type { CompiledOutputBuilder } from '../source/frameResolver.ts';

/** How to run a repository's tests, found from its layout. */
export interface TestCommand {
  command: string;
  /** Why this command was chosen (e.g. "package.json scripts.test"). */
  source: string;
}

/** Read-only view of a repository, so detection works on a checkout, a tarball or a gRPC request alike. */
export interface RepoView {
  files(): Promise<string[]>;
  readFile(path: string): Promise<string | null>;
}

export interface SyntaxDiagnostic {
  path: string;
  line: number;
  message: string;
}

/**
 * Everything the core knows about one language. A plugin is data and pure functions: it runs the same embedded,
 * in a Lambda stage or in a gRPC plugin host.
 */
export interface LanguagePlugin {
  readonly language: Language;
  /** Other language tags this plugin serves (the JavaScript plugin serves TypeScript). */
  readonly aliases: readonly Language[];
  readonly detector: TraceBlockDetector;
  readonly parser: StackTraceParser;
  readonly rules: RuleFile;
  readonly fixers: readonly Fixer[];
  /** File extensions of source files this plugin can fix, with the dot. */
  readonly sourceExtensions: readonly string[];
  /** For compiled languages whose output maps back to sources (TypeScript): builds it with source maps. */
  readonly compiledOutputBuilder?: CompiledOutputBuilder;
  detectTestCommand(repo: RepoView): Promise<TestCommand | null>;
  /** The static step of the validation ladder (a type check), run in the candidate's sandbox; null if none. */
  staticCheckCommand(repo: RepoView): Promise<string | null>;
  validateSyntax(path: string, text: string): SyntaxDiagnostic[];
}
