import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { CONSUL_SERVICE_NAMES } from '../../../infra/cdk/lib/contract.ts';
import { type PluginHostProcess, startPluginHostProcess } from '../../services/pluginHostProcess.ts';
import { type ConsulAgent, startConsulAgent } from '../../setup/consulAgent.ts';
import { type RedisServer, startRedisServer } from '../../setup/redisServer.ts';

/**
 * The services of issue 4 beside the local cloud: a Consul dev agent, a Redis server and, once started, one plugin
 * host process registered in Consul under the name the stages look up (contract CONSUL_SERVICE_NAMES.pluginHost).
 * Consul and Redis are up in about a second; the host (tsx compiles it, several seconds) starts apart, so a caller
 * can deploy meanwhile.
 */
export interface PluginServices {
  consul: ConsulAgent;
  redis: RedisServer;
  /** Starts the plugin host and waits until it passes its Consul check. */
  startHost(languages: string): Promise<PluginHostProcess>;
  /** The started host. */
  host(): PluginHostProcess;
  /** Keys the discovery cache wrote in Redis (`set` keyspace events), in order, since start. */
  discoveryKeysWritten(): string[];
  stop(): Promise<void>;
}

const PASSING_TIMEOUT_MS = 20_000;

export async function startPluginServices(): Promise<PluginServices> {
  const [consul, redis] = await Promise.all([startConsulAgent(), startRedisServer()]);
  let host: PluginHostProcess | null = null;
  // Redis's keyspace notifications show what the deployed functions write, without touching their code.
  const watcher = new Redis(redis.url);
  await watcher.config('SET', 'notify-keyspace-events', 'K$');
  const written: string[] = [];
  await watcher.psubscribe('__keyspace@0__:homeostasis:discovery:*');
  watcher.on('pmessage', (_pattern, channel, operation) => {
    if (operation === 'set') written.push(channel.slice('__keyspace@0__:'.length));
  });
  return {
    consul,
    redis,
    startHost: async (languages) => {
      const started = await startPluginHostProcess({
        CONSUL_HTTP_ADDR: consul.httpAddress,
        SERVICE_NAME: CONSUL_SERVICE_NAMES.pluginHost,
        LANGUAGES: languages,
      });
      host = started;
      const deadline = Date.now() + PASSING_TIMEOUT_MS;
      while (!(await passing(consul.httpAddress)).includes(started.address)) {
        if (Date.now() > deadline) throw new Error(`plugin host ${started.address} never passed its Consul check`);
        await sleep(100);
      }
      return started;
    },
    host: () => {
      if (!host) throw new Error('the plugin host was not started');
      return host;
    },
    discoveryKeysWritten: () => [...written],
    stop: async () => {
      watcher.disconnect();
      host?.signal('SIGTERM');
      await host?.exited;
      await Promise.all([redis.stop(), consul.stop()]);
    },
  };
}

async function passing(consulAddress: string): Promise<string[]> {
  const response = await fetch(`${consulAddress}/v1/health/service/${CONSUL_SERVICE_NAMES.pluginHost}?passing=true`);
  const entries = (await response.json()) as { Service: { Address: string; Port: number } }[];
  return entries.map((e) => `${e.Service.Address}:${e.Service.Port}`);
}
