import { Logger } from '@aws-lambda-powertools/logger';
import * as grpc from '@grpc/grpc-js';
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  type IPolicy,
  retry,
  wrap,
} from 'cockatiel';
import type { ParsedTrace } from '../../core/parse/parsedTrace.ts';
import type { InProcessPluginService } from '../../core/plugin/inProcessPluginService.ts';
import type { SyntaxDiagnostic, TestCommand } from '../../core/plugin/languagePlugin.ts';
import type {
  AnalyzeRequest,
  FixResult,
  GenerateFixesRequest,
  ParseRequest,
  PluginDescription,
  PluginService,
  Served,
  TestCommandRequest,
  ValidateSyntaxRequest,
} from '../../core/plugin/pluginService.ts';
import type { Analysis } from '../../core/rules/analysis.ts';
import {
  decodeAnalysis,
  decodeDescriptions,
  decodeDiagnostics,
  decodeFixResult,
  decodeParsedTrace,
  decodeTestCommand,
  encodeGenerateFixesRequest,
  encodeSourceFiles,
} from '../../services/shared/pluginCodec.ts';
import { loadProtos } from '../../services/shared/protoLoader.ts';
import type { HostDiscovery } from './hostDiscovery.ts';
import { isTransient, NoHealthyHostError, RemoteCallError } from './remotePluginErrors.ts';

export interface RemotePluginClientOptions {
  discovery: HostDiscovery;
  /** Answers when no plugin host does (its answers then say `via: 'fallback'`). */
  fallback: InProcessPluginService;
  /** Per attempt, by method; unset methods keep DEFAULT_DEADLINES_MS. */
  deadlinesMs?: Partial<Record<PluginMethod, number>>;
  /** @default 2 – attempts per call, each on the next host in turn. */
  maxAttempts?: number;
  /** @default 5 consecutive transient failures open the breaker. */
  breakerThreshold?: number;
  /** @default 5000 – an open breaker lets one trial call through after this long. */
  halfOpenAfterMs?: number;
  logger?: Logger;
}

export interface RemotePluginStats {
  remote: number;
  fallback: number;
  breaker: 'closed' | 'open' | 'half-open' | 'isolated';
}

export type PluginMethod = 'Describe' | 'ParseError' | 'Analyze' | 'GenerateFixes' | 'ValidateSyntax' | 'TestCommand';

/**
 * Analyze and ParseError take ~0.1 ms in process, so 2 s trips only on a stuck or dead host. The syntax-tree
 * methods load tree-sitter grammars on a host's first call (~2 s measured on the 2-core CI box), hence 30 s.
 */
export const DEFAULT_DEADLINES_MS: Readonly<Record<PluginMethod, number>> = {
  Describe: 2_000,
  ParseError: 2_000,
  Analyze: 2_000,
  GenerateFixes: 30_000,
  ValidateSyntax: 30_000,
  TestCommand: 5_000,
};

/**
 * The PluginService of a pipeline whose plugins run in plugin hosts: hosts come from discovery (Consul, passing
 * instances), calls go round-robin over them through bounded retries and one circuit breaker, each attempt with a
 * deadline. When no host answers, the in-process plugins answer instead and the client counts and logs it.
 */
export class RemotePluginClient implements PluginService {
  private readonly definition = loadProtos().languagePlugin;
  private readonly clients = new Map<string, grpc.Client>();
  private readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;
  private readonly logger: Logger;
  private next = 0;
  private remoteCount = 0;
  private fallbackCount = 0;

  constructor(private readonly options: RemotePluginClientOptions) {
    this.logger = options.logger ?? new Logger({ serviceName: 'remote-plugin-client' });
    this.breaker = circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: options.halfOpenAfterMs ?? 5_000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    });
    // Retry outside the breaker: every attempt is seen by the breaker, and an open breaker ends the retries.
    const retries = retry(handleWhen(isTransient), {
      maxAttempts: (options.maxAttempts ?? 2) - 1,
      backoff: new ExponentialBackoff({ initialDelay: 10, maxDelay: 100 }),
    });
    this.policy = wrap(retries, this.breaker);
    this.breaker.onBreak(() => this.logger.warn('circuit breaker opened: plugin hosts failing'));
    this.breaker.onHalfOpen(() => this.logger.info('circuit breaker half-open: trying a plugin host'));
    this.breaker.onReset(() => this.logger.info('circuit breaker closed: plugin hosts answering'));
  }

  get stats(): RemotePluginStats {
    const states = {
      [CircuitState.Closed]: 'closed',
      [CircuitState.Open]: 'open',
      [CircuitState.HalfOpen]: 'half-open',
      [CircuitState.Isolated]: 'isolated',
    } as const;
    return { remote: this.remoteCount, fallback: this.fallbackCount, breaker: states[this.breaker.state] };
  }

  async describe(): Promise<PluginDescription[]> {
    const described = await this.call('Describe', null, {}, decodeDescriptions, (local) =>
      local.describe().then(served),
    );
    return described.value;
  }

  analyze(request: AnalyzeRequest): Promise<Served<Analysis>> {
    return this.call(
      'Analyze',
      request.language,
      request,
      (raw) => decodeAnalysis((raw as { analysis?: unknown }).analysis),
      (local) => local.analyze(request),
    );
  }

  parse(request: ParseRequest): Promise<Served<ParsedTrace | null>> {
    return this.call('ParseError', request.language, request, decodeParsedTrace, (local) => local.parse(request));
  }

  generateFixes(request: GenerateFixesRequest): Promise<Served<FixResult>> {
    return this.call('GenerateFixes', request.language, encodeGenerateFixesRequest(request), decodeFixResult, (local) =>
      local.generateFixes(request),
    );
  }

  validateSyntax(request: ValidateSyntaxRequest): Promise<Served<SyntaxDiagnostic[]>> {
    return this.call('ValidateSyntax', request.language, request, decodeDiagnostics, (local) =>
      local.validateSyntax(request),
    );
  }

  testCommand(request: TestCommandRequest): Promise<Served<TestCommand | null>> {
    const wire = { language: request.language, files: encodeSourceFiles(request.files) };
    return this.call('TestCommand', request.language, wire, decodeTestCommand, (local) => local.testCommand(request));
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  /** `language`: the hosts asked are those serving it (null: any host, for Describe). */
  private async call<T>(
    method: PluginMethod,
    language: string | null,
    request: unknown,
    decode: (raw: unknown) => T,
    fallback: (local: InProcessPluginService) => Promise<Served<T>>,
  ): Promise<Served<T>> {
    let outcome: { raw: unknown; host: string };
    try {
      outcome = await this.policy.execute(() => this.attempt(method, language, request));
      const value = decode(outcome.raw);
      this.remoteCount++;
      return { value, via: 'remote', host: outcome.host };
    } catch (error) {
      this.fallbackCount++;
      this.logger.warn('plugin call served in process: no plugin host answered', {
        method,
        language,
        reason: reasonOf(error),
        fallbacks: this.fallbackCount,
      });
      const answer = await fallback(this.options.fallback);
      return { ...answer, via: 'fallback' };
    }
  }

  private async attempt(
    method: PluginMethod,
    language: string | null,
    request: unknown,
  ): Promise<{ raw: unknown; host: string }> {
    const hosts = await this.options.discovery.healthyHosts(language ?? undefined);
    if (hosts.length === 0) throw new NoHealthyHostError(`no passing plugin host for ${language ?? 'any language'}`);
    const host = hosts[this.next++ % hosts.length]!;
    try {
      return { raw: await this.unary(host, method, request), host };
    } catch (error) {
      if (error instanceof RemoteCallError && isTransient(error)) this.options.discovery.invalidate();
      throw error;
    }
  }

  private unary(host: string, method: PluginMethod, request: unknown): Promise<unknown> {
    const def = this.definition[method]!;
    const client = this.clientFor(host);
    const deadline = Date.now() + (this.options.deadlinesMs?.[method] ?? DEFAULT_DEADLINES_MS[method]);
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        request,
        new grpc.Metadata(),
        { deadline },
        (error, response) =>
          error ? reject(new RemoteCallError(error.code, host, error.details || error.message)) : resolve(response),
      );
    });
  }

  private clientFor(host: string): grpc.Client {
    let client = this.clients.get(host);
    if (!client) {
      client = new grpc.Client(host, grpc.credentials.createInsecure());
      this.clients.set(host, client);
    }
    return client;
  }
}

function served<T>(value: T): Served<T> {
  return { value, via: 'in-process' };
}

function reasonOf(error: unknown): string {
  if (error instanceof BrokenCircuitError) return 'circuit breaker open';
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
