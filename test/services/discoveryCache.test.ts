import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsulDiscovery } from '../../adapters/grpc/hostDiscovery.ts';
import { DiscoveryError } from '../../adapters/grpc/remotePluginErrors.ts';
import { connectCacheRedis, RedisDiscoveryCache } from '../../adapters/redis/discoveryCache.ts';
import { type ConsulAgent, freeLoopbackPort, startConsulAgent } from '../setup/consulAgent.ts';
import { type RedisServer, startRedisServer } from '../setup/redisServer.ts';

/**
 * Plugin host discovery against a real Consul dev agent and a real Redis: answers by language tag, shared across
 * "containers" through Redis, and Redis going away costing nothing but the sharing.
 */

const SERVICE = 'plugins-discovery';
const quiet = new Logger({ serviceName: 'discovery-cache-test', logLevel: 'ERROR' });
let consul: ConsulAgent;
let redis: RedisServer;
const connections: Redis[] = [];
/** A Consul address where nothing listens: a discovery pointed there can only answer from the shared cache. */
let deadConsul: string;

function cache(ttlMs = 2_000): RedisDiscoveryCache {
  const connection = connectCacheRedis(redis.url);
  connections.push(connection);
  return new RedisDiscoveryCache(connection, { ttlMs, logger: quiet });
}

async function register(id: string, port: number, tags: string[]): Promise<void> {
  const response = await fetch(`${consul.httpAddress}/v1/agent/service/register`, {
    method: 'PUT',
    body: JSON.stringify({ Name: SERVICE, ID: id, Address: '127.0.0.1', Port: port, Tags: tags }),
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  [consul, redis] = await Promise.all([startConsulAgent(), startRedisServer()]);
  deadConsul = `http://127.0.0.1:${await freeLoopbackPort()}`;
  // Instances without checks are `passing` in Consul; the hosts' own gRPC checks are covered in pluginHost.test.ts.
  await register('python-host', 50_001, ['python']);
  await register('js-host', 50_002, ['javascript', 'typescript']);
}, 60_000);

afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await redis?.stop();
  await consul?.stop();
});

describe('plugin host discovery', () => {
  it('answers only the instances tagged with the language asked for, and every instance for no language', async () => {
    const discovery = new ConsulDiscovery({ consulAddress: consul.httpAddress, serviceName: SERVICE });
    expect(await discovery.healthyHosts('python')).toEqual(['127.0.0.1:50001']);
    expect(await discovery.healthyHosts('typescript')).toEqual(['127.0.0.1:50002']);
    expect(await discovery.healthyHosts('go')).toEqual([]);
    expect((await discovery.healthyHosts()).sort()).toEqual(['127.0.0.1:50001', '127.0.0.1:50002']);
  });

  it('shares an answer through Redis with a container that cannot reach Consul, until it expires', async () => {
    const first = new ConsulDiscovery({
      consulAddress: consul.httpAddress,
      serviceName: SERVICE,
      shared: cache(1_000),
    });
    expect(await first.healthyHosts('python')).toEqual(['127.0.0.1:50001']);

    const sharedCache = cache(1_000);
    const cold = new ConsulDiscovery({ consulAddress: deadConsul, serviceName: SERVICE, shared: sharedCache });
    expect(await cold.healthyHosts('python')).toEqual(['127.0.0.1:50001']);
    expect(sharedCache.stats).toMatchObject({ hits: 1, failures: 0 });

    await sleep(1_200); // past the shared TTL
    const later = new ConsulDiscovery({ consulAddress: deadConsul, serviceName: SERVICE, shared: cache() });
    await expect(later.healthyHosts('python')).rejects.toBeInstanceOf(DiscoveryError);
  });

  it('drops the shared answer when a caller invalidates (a host it was given just failed)', async () => {
    const first = new ConsulDiscovery({ consulAddress: consul.httpAddress, serviceName: SERVICE, shared: cache() });
    expect(await first.healthyHosts('typescript')).toEqual(['127.0.0.1:50002']);
    first.invalidate();
    await sleep(100); // the forget is not awaited by invalidate()
    const cold = new ConsulDiscovery({ consulAddress: deadConsul, serviceName: SERVICE, shared: cache() });
    await expect(cold.healthyHosts('typescript')).rejects.toBeInstanceOf(DiscoveryError);
  });

  it('asks Consul directly, quickly and without an error, while Redis is down', async () => {
    const sharedCache = cache();
    const warm = new ConsulDiscovery({ consulAddress: consul.httpAddress, serviceName: SERVICE, shared: sharedCache });
    expect(await warm.healthyHosts('python')).toEqual(['127.0.0.1:50001']); // connected before the outage
    await redis.stop();

    const started = Date.now();
    const discovery = new ConsulDiscovery({ consulAddress: consul.httpAddress, serviceName: SERVICE, shared: cache() });
    expect(await discovery.healthyHosts('python')).toEqual(['127.0.0.1:50001']);
    warm.invalidate(); // its next lookup goes to Redis (down) and then Consul
    expect(await warm.healthyHosts('python')).toEqual(['127.0.0.1:50001']);
    // Each Redis command gives up after 250 ms (connectCacheRedis); two lookups, get + put each, stay well below 2 s.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sharedCache.stats.failures).toBeGreaterThan(0);
  });
});
