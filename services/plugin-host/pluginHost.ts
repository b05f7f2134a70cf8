import type { Logger } from '@aws-lambda-powertools/logger';
import * as grpc from '@grpc/grpc-js';
import { InProcessPluginService } from '../../core/plugin/inProcessPluginService.ts';
import type { LanguagePlugin } from '../../core/plugin/languagePlugin.ts';
import type { Language } from '../../core/schema/taxonomy.ts';
import { ALL_PLUGINS, createRegistry } from '../../plugins/index.ts';
import { type ConsulRegistration, serveAndRegister } from '../shared/consulRegistration.ts';
import { HealthState } from '../shared/healthService.ts';
import { loadProtos } from '../shared/protoLoader.ts';
import type { PluginHostConfig } from './config.ts';
import { PluginHostConfigError } from './config.ts';
import { languagePluginHandlers } from './pluginHostHandlers.ts';

/** The fully-qualified name health checks ask about. */
export const LANGUAGE_PLUGIN_SERVICE = 'homeostasis.v1.LanguagePlugin';

/**
 * A gRPC server serving the configured language plugins, with the standard health service and, when a Consul
 * address is configured, a Consul registration checked through that health service.
 */
export class PluginHost {
  readonly health = new HealthState([LANGUAGE_PLUGIN_SERVICE]);
  private readonly server = new grpc.Server();
  private registration: ConsulRegistration | null = null;
  private boundPort: number | null = null;
  /** The languages served, aliases included (also the Consul tags, so a client could pick hosts by language). */
  private readonly registryLanguages: string[];

  constructor(
    private readonly config: PluginHostConfig,
    private readonly logger: Logger,
  ) {
    const protos = loadProtos();
    const plugins = pluginsFor(config.languages);
    this.registryLanguages = plugins.flatMap((p) => [p.language, ...p.aliases]);
    const service = new InProcessPluginService(createRegistry(plugins));
    this.server.addService(
      protos.languagePlugin,
      languagePluginHandlers(service, {
        callDelayMs: config.callDelayMs,
        onError: (method, error) => this.logger.warn('call failed', { method, error }),
      }),
    );
    this.server.addService(protos.health, this.health.handlers);
  }

  get port(): number {
    if (this.boundPort === null) throw new Error('plugin host not started');
    return this.boundPort;
  }

  /** Binds, marks SERVING, then registers: Consul's first check must find the server answering. */
  async start(): Promise<number> {
    const served = await serveAndRegister(this.server, this.health, this.config, { tags: this.registryLanguages });
    this.boundPort = served.port;
    this.registration = served.registration;
    this.logger.info('plugin host serving', {
      host: this.config.host,
      port: this.boundPort,
      languages: this.registryLanguages,
      serviceId: this.registration?.serviceId ?? null,
    });
    return this.boundPort;
  }

  /**
   * Style note 9: NOT_SERVING first (callers that check health stop choosing us), deregister, then let in-flight
   * calls finish for up to DRAIN_TIMEOUT_MS and cancel what is left.
   */
  async shutdown(): Promise<{ drained: boolean }> {
    this.health.setStatus('NOT_SERVING');
    this.logger.info('health NOT_SERVING');
    if (this.registration) {
      await this.registration.deregister().catch((error: unknown) => this.logger.error('deregister failed', { error }));
      this.logger.info('deregistered', { serviceId: this.registration.serviceId });
    }
    const drained = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve(false);
      }, this.config.drainTimeoutMs);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    this.logger.info(drained ? 'drained in-flight calls' : 'drain timed out: cancelled in-flight calls', {
      drainTimeoutMs: this.config.drainTimeoutMs,
    });
    return { drained };
  }
}

/** The plugins serving the configured languages (a language may be an alias, e.g. typescript). */
function pluginsFor(languages: readonly Language[] | null): readonly LanguagePlugin[] {
  if (languages === null) return ALL_PLUGINS;
  const chosen = new Set<LanguagePlugin>();
  for (const language of languages) {
    const plugin = ALL_PLUGINS.find((p) => p.language === language || p.aliases.includes(language));
    if (!plugin) throw new PluginHostConfigError(`no plugin of this build serves ${language}`);
    chosen.add(plugin);
  }
  return [...chosen];
}
