import { fixesAtTarget } from '../heal/candidateGeneration.ts';
import type { ParsedTrace } from '../parse/parsedTrace.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { LanguagePlugin, RepoView, SyntaxDiagnostic, TestCommand } from './languagePlugin.ts';
import type { PluginRegistry } from './pluginRegistry.ts';
import type {
  AnalyzeRequest,
  FixResult,
  GenerateFixesRequest,
  ParseRequest,
  PluginDescription,
  PluginService,
  Served,
  ServedVia,
  SourceFile,
  TestCommandRequest,
  ValidateSyntaxRequest,
} from './pluginService.ts';

/**
 * The plugins of a PluginRegistry, called directly. The embedded mode and the Lambda stages use it; a plugin host
 * serves it over gRPC; the remote client falls back to it (then answering `via: 'fallback'`).
 */
export class InProcessPluginService implements PluginService {
  constructor(
    readonly registry: PluginRegistry,
    private readonly via: ServedVia = 'in-process',
  ) {}

  /** The same plugins, answering with another `via` (the remote client's fallback). */
  as(via: ServedVia): InProcessPluginService {
    return new InProcessPluginService(this.registry, via);
  }

  async describe(): Promise<PluginDescription[]> {
    return this.registry.plugins.map(describePlugin);
  }

  async analyze(request: AnalyzeRequest): Promise<Served<Analysis>> {
    this.registry.get(request.language); // an unserved language is an error, not an `unknown` analysis
    return this.served(this.registry.analyzer.analyze(request.language, request.errorType, request.message));
  }

  async parse(request: ParseRequest): Promise<Served<ParsedTrace | null>> {
    return this.served(this.registry.get(request.language).parser.parse(request.excerpt));
  }

  async generateFixes(request: GenerateFixesRequest): Promise<Served<FixResult>> {
    const plugin = this.registry.get(request.language);
    const { choice, candidates } = await fixesAtTarget(
      plugin,
      request.analysis,
      request.errorType,
      request.sourceFrames,
      repoOf(request.files),
    );
    return this.served({ target: choice?.target ?? null, candidates });
  }

  async validateSyntax(request: ValidateSyntaxRequest): Promise<Served<SyntaxDiagnostic[]>> {
    return this.served(this.registry.get(request.language).validateSyntax(request.path, request.text));
  }

  async testCommand(request: TestCommandRequest): Promise<Served<TestCommand | null>> {
    return this.served(await this.registry.get(request.language).detectTestCommand(repoOf(request.files)));
  }

  private served<T>(value: T): Served<T> {
    return { value, via: this.via };
  }
}

/** A repository made of the files a request carries. */
export function repoOf(files: readonly SourceFile[]): RepoView {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  return {
    files: async () => [...byPath.keys()],
    readFile: async (path) => byPath.get(path) ?? null,
  };
}

function describePlugin(plugin: LanguagePlugin): PluginDescription {
  const capabilities = ['parse', 'analyze', 'validate-syntax', 'test-command'];
  if (plugin.fixers.length > 0) capabilities.push('generate-fixes');
  if (plugin.compiledOutputBuilder) capabilities.push('compiled-output');
  return {
    language: plugin.language,
    aliases: [...plugin.aliases],
    ruleSetVersion: plugin.rules.version,
    ruleCount: plugin.rules.rules.length,
    capabilities,
    sourceExtensions: [...plugin.sourceExtensions],
    fixStrategies: [...new Set(plugin.fixers.map((f) => f.strategy))],
  };
}
