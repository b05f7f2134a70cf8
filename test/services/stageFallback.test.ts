import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsulDiscovery } from '../../adapters/grpc/hostDiscovery.ts';
import { RemotePluginClient } from '../../adapters/grpc/remotePluginClient.ts';
import { MemoryTrackRecords } from '../../core/approve/memoryTrackRecords.ts';
import { candidatesOf, pluginAnswersOf, recordDetection, winnerOf } from '../../core/heal/healingStages.ts';
import { buildGroupEvents, groupByStream } from '../../core/pipeline/ingestGroups.ts';
import type { ServiceConfig } from '../../core/pipeline/serviceConfig.ts';
import {
  analyzeHealing,
  openHealing,
  patchHealing,
  type ValidateDeps,
  validateCandidate,
} from '../../core/pipeline/stageRunners.ts';
import { InProcessPluginService } from '../../core/plugin/inProcessPluginService.ts';
import { HealingRecorder } from '../../core/workflow/healingRecorder.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { CONSUL_SERVICE_NAMES } from '../../infra/cdk/lib/contract.ts';
import { createRegistry } from '../../plugins/index.ts';
import { ROOT } from '../cliHarness.ts';
import { type ConsulAgent, startConsulAgent } from '../setup/consulAgent.ts';
import { type PluginHostProcess, startPluginHostProcess } from './pluginHostProcess.ts';

/**
 * The analyze, patch and validate stages (core/pipeline/stageRunners.ts, what the Lambda handlers run) calling a
 * real plugin host found through a real Consul agent; the host is killed between analyze and patch. The stages must
 * fall back to the plugins in process, say so in the healing's events, and still validate a patch.
 */

const DEMO = join(ROOT, 'examples/python-inventory');
const SERVICE: ServiceConfig = {
  service: 'inventory',
  language: 'python',
  source: { kind: 's3', bucket: 'unused', key: 'unused' },
  testCommand: 'python3 -m unittest discover -s tests -t .',
  pathMappings: [],
  delivery: {},
};

const registry = createRegistry();
const store = new SqliteHealingStore(':memory:');
const checkouts: string[] = [];
let consul: ConsulAgent;
let host: PluginHostProcess;
let client: RemotePluginClient;

/** A fresh copy of the demo service per checkout, as the S3 source provider unpacks one per stage. */
const source = {
  checkout: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stage-fallback-'));
    checkouts.push(dir);
    cpSync(DEMO, dir, { recursive: true, filter: (path) => !/__pycache__|\.pyc$/.test(path) });
    return dir;
  },
};

async function passing(service: string): Promise<string[]> {
  const response = await fetch(`${consul.httpAddress}/v1/health/service/${service}?passing=true`);
  const entries = (await response.json()) as { Service: { Address: string; Port: number } }[];
  return entries.map((e) => `${e.Service.Address}:${e.Service.Port}`);
}

beforeAll(async () => {
  consul = await startConsulAgent();
  host = await startPluginHostProcess({
    CONSUL_HTTP_ADDR: consul.httpAddress,
    SERVICE_NAME: CONSUL_SERVICE_NAMES.pluginHost,
    LANGUAGES: 'python',
  });
  const deadline = Date.now() + 15_000;
  while (!(await passing(CONSUL_SERVICE_NAMES.pluginHost)).includes(host.address)) {
    if (Date.now() > deadline) throw new Error('the plugin host never passed its Consul check');
    await sleep(100);
  }
  client = new RemotePluginClient({
    discovery: new ConsulDiscovery({ consulAddress: consul.httpAddress, serviceName: CONSUL_SERVICE_NAMES.pluginHost }),
    fallback: new InProcessPluginService(registry),
    logger: new Logger({ serviceName: 'stage-fallback-test', logLevel: 'ERROR' }),
  });
}, 60_000);

afterAll(async () => {
  client?.close();
  host?.signal('SIGKILL');
  await host?.exited;
  await consul?.stop();
  for (const dir of checkouts) rmSync(dir, { recursive: true, force: true });
});

describe('Lambda stages with the plugin host killed mid-pipeline', () => {
  it('analyzes through the host, falls back in process once it is gone, records both, and still validates', async () => {
    const deps: ValidateDeps = {
      store,
      registry,
      trackRecords: new MemoryTrackRecords(),
      plugins: client,
      services: { get: async (name) => (name === SERVICE.service ? SERVICE : null) },
      source,
      environment: 'test',
      stepTimeoutMs: 60_000,
    };
    const lines = readFileSync(join(DEMO, 'logs/crash.log'), 'utf8').split('\n');
    const [group] = groupByStream([{ messageId: 'm1', sentAt: 0, lines, service: 'inventory', stream: null }]);
    const built = buildGroupEvents(group!, { registry, environment: 'test' }).find(
      (b) => b.event.errorType === 'KeyError',
    );
    const { event } = built!;
    const recorder = await HealingRecorder.open(store, 'healing-1', {
      fingerprint: event.fingerprint,
      service: event.service,
      category: event.category,
    });
    await recordDetection(recorder, built!, 1);

    expect(await analyzeHealing(deps, 'healing-1')).toBe(true);

    host.signal('SIGKILL'); // no drain, no deregistration: Consul still lists it until its check fails
    await host.exited;

    const pending = await patchHealing(deps, 'healing-1');
    expect(pending.length).toBeGreaterThan(0);
    for (const candidateId of pending) await validateCandidate(deps, 'healing-1', candidateId);

    const healing = await openHealing(store, 'healing-1');
    expect(healing.state).toBe('awaiting-approval');
    expect(healing.events.map((e) => e.type)).toContain('validated');
    expect(winnerOf(healing)?.diff).toContain('self._levels.get(sku, 0)');

    const answers = pluginAnswersOf(healing);
    expect(answers.find((a) => a.type === 'analyzed')?.plugin).toEqual({ via: 'remote', host: host.address });
    expect(answers.find((a) => a.type === 'candidates-generated')?.plugin).toEqual({ via: 'fallback' });
    const results = answers.filter((a) => a.type === 'candidate-result');
    expect(results).toHaveLength(candidatesOf(healing).length);
    for (const r of results) expect(r.plugin).toEqual({ via: 'fallback' });
    expect(client.stats.remote).toBe(1);
    expect(client.stats.fallback).toBe(1 + results.length);
  }, 120_000);
});
