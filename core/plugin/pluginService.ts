import type { ParsedTrace } from '../parse/parsedTrace.ts';
import type { Candidate, FixTarget } from '../patch/candidate.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { Frame } from '../schema/errorEvent.ts';
import type { Language } from '../schema/taxonomy.ts';
import type { SyntaxDiagnostic, TestCommand } from './languagePlugin.ts';

/**
 * The language plugins as a service: what the pipeline asks of a plugin, whether the plugin runs in this process
 * (InProcessPluginService) or in a plugin host reached over gRPC (adapters/grpc RemotePluginClient).
 */
export interface PluginService {
  describe(): Promise<PluginDescription[]>;
  analyze(request: AnalyzeRequest): Promise<Served<Analysis>>;
  parse(request: ParseRequest): Promise<Served<ParsedTrace | null>>;
  generateFixes(request: GenerateFixesRequest): Promise<Served<FixResult>>;
  validateSyntax(request: ValidateSyntaxRequest): Promise<Served<SyntaxDiagnostic[]>>;
  testCommand(request: TestCommandRequest): Promise<Served<TestCommand | null>>;
}

/** Where an answer came from: this process, a plugin host, or this process because no host answered. */
export type ServedVia = 'in-process' | 'remote' | 'fallback';

export interface Served<T> {
  value: T;
  via: ServedVia;
  /** `host:port` of the plugin host that answered, for `remote`. */
  host?: string;
}

/** How an answer was served, without the answer: what a healing's events record beside what they used. */
export interface ServedBy {
  via: ServedVia;
  host?: string;
}

export function servedBy(answer: Served<unknown>): ServedBy {
  return answer.host === undefined ? { via: answer.via } : { via: answer.via, host: answer.host };
}

/**
 * One account of several answers (the syntax of a candidate's edits): a fallback among them is what matters to
 * whoever reads the healing, so any fallback wins, then any remote answer.
 */
export function servedByAll(answers: readonly Served<unknown>[]): ServedBy | null {
  const order: ServedVia[] = ['fallback', 'remote', 'in-process'];
  for (const via of order) {
    const found = answers.find((a) => a.via === via);
    if (found) return servedBy(found);
  }
  return null;
}

export interface PluginDescription {
  language: Language;
  aliases: Language[];
  ruleSetVersion: string;
  ruleCount: number;
  capabilities: string[];
  sourceExtensions: string[];
  fixStrategies: string[];
}

export interface AnalyzeRequest {
  language: Language;
  errorType: string;
  message: string;
}

export interface ParseRequest {
  language: Language;
  excerpt: string;
}

/** A repository file sent with a request; `text: null` lists the file without its content. */
export interface SourceFile {
  path: string;
  text: string | null;
}

export interface GenerateFixesRequest {
  language: Language;
  errorType: string;
  analysis: Analysis;
  /** Frames resolved to repository paths (ErrorEvent.sourceFrames), innermost first. */
  sourceFrames: Frame[];
  files: SourceFile[];
}

export interface FixResult {
  /** `null` when no in-app frame lies in a file the plugin can fix, or its text was not sent. */
  target: FixTarget | null;
  candidates: Candidate[];
}

export interface ValidateSyntaxRequest {
  language: Language;
  path: string;
  text: string;
}

export interface TestCommandRequest {
  language: Language;
  files: SourceFile[];
}
