import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsulDiscovery, StaticDiscovery } from '../../adapters/grpc/hostDiscovery.ts';
import { RemotePluginClient } from '../../adapters/grpc/remotePluginClient.ts';
import { InProcessPluginService } from '../../core/plugin/inProcessPluginService.ts';
import type { Served } from '../../core/plugin/pluginService.ts';
import { createRegistry } from '../../plugins/index.ts';
import { javascriptPlugin } from '../../plugins/javascript/index.ts';
import { pythonPlugin } from '../../plugins/python/index.ts';
import { loadProtos } from '../../services/shared/protoLoader.ts';
import { type ConsulAgent, startConsulAgent } from '../setup/consulAgent.ts';
import { runNodeCrash } from './nodeCrash.ts';
import { type PluginHostProcess, startPluginHostProcess } from './pluginHostProcess.ts';

/**
 * Real servers on loopback: a Consul dev agent, plugin hosts as child processes on port 0, and the remote client
 * finding them through Consul's health API.
 */

const local = new InProcessPluginService(createRegistry([javascriptPlugin, pythonPlugin]));
const quietLogger = new Logger({ serviceName: 'test-client', logLevel: 'ERROR' });
const NULL_READ = {
  language: 'javascript',
  errorType: 'TypeError',
  message: "Cannot read properties of undefined (reading 'name')",
} as const;

/** The CI box runs other suites at the same time; a deadline here must never be what decides a test. */
const GENEROUS_DEADLINES = { Describe: 20_000, ParseError: 20_000, Analyze: 20_000, TestCommand: 20_000 };

let consul: ConsulAgent;
const started: PluginHostProcess[] = [];

async function host(env: Record<string, string>): Promise<PluginHostProcess> {
  const process = await startPluginHostProcess({ CONSUL_HTTP_ADDR: consul.httpAddress, ...env });
  started.push(process);
  return process;
}

/** `host:port` of the passing instances Consul reports for a service. */
async function passing(service: string): Promise<string[]> {
  const response = await fetch(`${consul.httpAddress}/v1/health/service/${service}?passing=true`);
  const entries = (await response.json()) as { Service: { Address: string; Port: number } }[];
  return entries.map((e) => `${e.Service.Address}:${e.Service.Port}`);
}

async function registered(service: string): Promise<string[]> {
  const response = await fetch(`${consul.httpAddress}/v1/health/service/${service}`);
  const entries = (await response.json()) as { Service: { Address: string; Port: number } }[];
  return entries.map((e) => `${e.Service.Address}:${e.Service.Port}`);
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

function healthStatus(address: string, service: string): Promise<string> {
  const { HealthClient } = loadProtos();
  const client = new HealthClient(address, grpc.credentials.createInsecure());
  return new Promise<string>((resolve, reject) => {
    client.Check!(
      { service },
      { deadline: Date.now() + 2_000 },
      (error: grpc.ServiceError | null, response: { status: string }) => {
        client.close();
        if (error) reject(error);
        else resolve(response.status);
      },
    );
  });
}

beforeAll(async () => {
  consul = await startConsulAgent();
});

afterAll(async () => {
  // A host left running by a failed test is stopped by its PID.
  for (const p of started) {
    if (await Promise.race([p.exited.then(() => true), sleep(0).then(() => false)])) continue;
    p.signal('SIGKILL');
    await p.exited;
  }
  await consul?.stop();
});

describe('plugin host behind Consul', () => {
  it('registers, passes its gRPC health check, and serves the same answers as in-process', async () => {
    const service = 'plugins-answers';
    const a = await host({ SERVICE_NAME: service, LANGUAGES: 'javascript,python' });
    try {
      await until('the host passes its Consul check', async () => (await passing(service)).includes(a.address));
      expect(await healthStatus(a.address, 'homeostasis.v1.LanguagePlugin')).toBe('SERVING');

      const client = new RemotePluginClient({
        discovery: new ConsulDiscovery({ consulAddress: consul.httpAddress, serviceName: service }),
        fallback: local,
        deadlinesMs: GENEROUS_DEADLINES,
        logger: quietLogger,
      });
      const crash = runNodeCrash();
      const remote = await client.analyze(NULL_READ);
      expect(remote).toEqual({ ...(await local.analyze(NULL_READ)), via: 'remote', host: a.address });
      expect(remote.value.ruleId).toBe('js.null-reference.read-property');

      const parsed = await client.parse({ language: 'javascript', excerpt: crash.excerpt });
      expect(parsed.via).toBe('remote');
      expect(parsed.value).toEqual((await local.parse({ language: 'javascript', excerpt: crash.excerpt })).value);

      const fixRequest = {
        language: 'javascript' as const,
        errorType: parsed.value!.errorType,
        analysis: remote.value,
        sourceFrames: parsed.value!.frames.map((f) => ({ ...f, file: f.file.replace(`${crash.dir}/`, '') })),
        files: [{ path: crash.file, text: crash.source }],
      };
      const fixes = await client.generateFixes(fixRequest);
      expect(fixes.via).toBe('remote');
      expect(fixes.value).toEqual((await local.generateFixes(fixRequest)).value);
      expect(fixes.value.candidates[0]?.diff).toContain('user?.name');

      const described = await client.describe();
      expect(described.map((d) => d.language).sort()).toEqual(['javascript', 'python']);
      const tests = await client.testCommand({
        language: 'javascript',
        files: [{ path: 'package.json', text: '{"scripts":{"test":"vitest run"}}' }],
      });
      expect(tests).toMatchObject({ via: 'remote', value: { command: 'npm test' } });
      const syntax = await client.validateSyntax({ language: 'python', path: 'a.py', text: 'def f(:\n' });
      expect(syntax.via).toBe('remote');
      expect(syntax.value.length).toBeGreaterThan(0);
      expect(client.stats).toMatchObject({ fallback: 0, breaker: 'closed' });
      client.close();
    } finally {
      a.signal('SIGTERM');
      await a.exited;
    }
  });

  it('falls back in process when the host dies, and uses a restarted host once the breaker half-opens', async () => {
    const service = 'plugins-failover';
    const first = await host({ SERVICE_NAME: service, LANGUAGES: 'javascript' });
    await until('the first host passes', async () => (await passing(service)).includes(first.address));
    const client = new RemotePluginClient({
      discovery: new ConsulDiscovery({ consulAddress: consul.httpAddress, serviceName: service, cacheTtlMs: 500 }),
      fallback: local,
      deadlinesMs: GENEROUS_DEADLINES, // a dead host refuses connections at once: no deadline needed to fail over
      breakerThreshold: 3,
      halfOpenAfterMs: 1_000,
      logger: quietLogger,
    });
    const expected = (await local.analyze(NULL_READ)).value;
    const answers: Served<unknown>[] = [];
    const callers = async (count: number) => {
      const results = await Promise.all(Array.from({ length: count }, () => client.analyze(NULL_READ)));
      for (const r of results) expect(r.value).toEqual(expected);
      answers.push(...results);
      return results;
    };
    expect((await callers(20)).every((r) => r.via === 'remote')).toBe(true);

    first.signal('SIGKILL'); // no drain, no deregistration: Consul only learns from its failing check
    await first.exited;
    const breakerStates = new Set<string>();
    for (let round = 0; round < 10; round++) {
      await callers(10);
      breakerStates.add(client.stats.breaker);
    }
    expect(breakerStates.has('open')).toBe(true);
    const fallbacks = answers.filter((r) => r.via === 'fallback').length;
    expect(fallbacks).toBeGreaterThan(0);
    expect(client.stats.fallback).toBe(fallbacks);

    const second = await host({ SERVICE_NAME: service, LANGUAGES: 'javascript' });
    await until('the restarted host passes', async () => (await passing(service)).includes(second.address));
    let last: Served<unknown> | null = null;
    await until('a call is answered by the restarted host', async () => {
      last = await client.analyze(NULL_READ);
      return last.via === 'remote';
    });
    expect(last).toMatchObject({ via: 'remote', host: second.address });
    expect(client.stats.breaker).toBe('closed');
    client.close();
    second.signal('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('on SIGTERM turns NOT_SERVING, deregisters and drains an in-flight call before exiting', async () => {
    const service = 'plugins-drain';
    // Each call waits 1.5 s in the host (test hook CALL_DELAY_MS), so one is surely in flight at SIGTERM.
    const slow = await host({
      SERVICE_NAME: service,
      LANGUAGES: 'javascript',
      CALL_DELAY_MS: '1500',
      DRAIN_TIMEOUT_MS: '10000',
    });
    await until('the slow host passes', async () => (await passing(service)).includes(slow.address));
    const client = new RemotePluginClient({
      discovery: new StaticDiscovery([slow.address]),
      fallback: local,
      deadlinesMs: { Analyze: 5_000 },
      maxAttempts: 1,
      logger: quietLogger,
    });
    const inFlight = client.analyze(NULL_READ);
    await sleep(300);
    const signalledAt = Date.now();
    slow.signal('SIGTERM');

    const answer = await inFlight;
    expect(answer).toMatchObject({ via: 'remote', host: slow.address });
    expect(answer.value).toEqual((await local.analyze(NULL_READ)).value);
    expect(await slow.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeGreaterThan(1_000); // it waited for the call
    expect(await registered(service)).toEqual([]);
    const messages = slow.logs.map((l) => l['message']);
    expect(messages.indexOf('health NOT_SERVING')).toBeGreaterThan(messages.indexOf('shutting down'));
    expect(messages.indexOf('deregistered')).toBeGreaterThan(messages.indexOf('health NOT_SERVING'));
    expect(messages.indexOf('drained in-flight calls')).toBeGreaterThan(messages.indexOf('deregistered'));
    client.close();
  });

  it('cancels calls still in flight when the drain timeout passes', async () => {
    const service = 'plugins-drain-timeout';
    const stuck = await host({
      SERVICE_NAME: service,
      LANGUAGES: 'javascript',
      CALL_DELAY_MS: '5000',
      DRAIN_TIMEOUT_MS: '500',
    });
    const client = new RemotePluginClient({
      discovery: new StaticDiscovery([stuck.address]),
      fallback: local,
      deadlinesMs: { Analyze: 10_000 },
      maxAttempts: 1,
      logger: quietLogger,
    });
    const inFlight = client.analyze(NULL_READ);
    await sleep(300);
    stuck.signal('SIGTERM');
    expect(await stuck.exited).toBe(1);
    expect((await inFlight).via).toBe('fallback');
    expect(stuck.logs.map((l) => l['message'])).toContain('drain timed out: cancelled in-flight calls');
    client.close();
  });
});
