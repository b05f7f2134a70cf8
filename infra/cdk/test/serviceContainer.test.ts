// The shell entry and health checks of the task definitions, run for real: the same command arrays ECS runs,
// here on the host against a real plugin host process and a stand-in for the task metadata
// endpoint (an HTTP server answering the documented v4 container-metadata shape).
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PluginHostProcess, startPluginHostProcess } from '../../../test/services/pluginHostProcess.ts';
import {
  entryWithTaskAddress,
  grpcHealthCheck,
  IMAGE_CONTEXT_ENTRIES,
  imageContextExcludes,
} from '../lib/serviceContainer.ts';
import { PROJECT_ROOT } from './synthStacks.ts';

const execFileAsync = promisify(execFile);

/** Runs a container health check command (`['CMD', exe, ...args]`) from the repository root, like /app. */
async function runCheck(command: readonly string[]): Promise<number> {
  expect(command[0]).toBe('CMD');
  const [exe, ...args] = command.slice(1);
  try {
    await execFileAsync(exe === 'node' ? process.execPath : String(exe), args, { cwd: PROJECT_ROOT, timeout: 20_000 });
    return 0;
  } catch (error) {
    return Number((error as { code?: unknown }).code ?? -1);
  }
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

let host: PluginHostProcess;
beforeAll(async () => {
  host = await startPluginHostProcess({ LANGUAGES: 'python' });
}, 40_000);
afterAll(async () => {
  host?.signal('SIGKILL');
  await host?.exited;
});

describe('the gRPC health check', () => {
  it('passes against a serving plugin host and fails where nothing listens', async () => {
    expect(await runCheck(grpcHealthCheck(host.port).command)).toBe(0);
    const closed = createServer();
    const freePort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    expect(await runCheck(grpcHealthCheck(freePort).command)).toBe(1);
  }, 30_000);
});

describe('the task-address entry', () => {
  let metadata: Server;
  let metadataUrl: string;
  beforeAll(async () => {
    // The v4 container metadata answer, trimmed to the fields the entry reads (awsvpc: one network).
    metadata = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ Name: 'Main', Networks: [{ NetworkMode: 'awsvpc', IPv4Addresses: ['10.40.17.23'] }] }));
    });
    metadataUrl = `http://127.0.0.1:${await listen(metadata)}/v4/abc-123`;
  });
  afterAll(() => new Promise((resolve) => metadata.close(resolve)));

  /** Runs the entry with `node -e <print env>` as the service command; `shellPid` is the process we started. */
  async function runEntry(
    env: Record<string, string>,
    apiKeys: boolean,
  ): Promise<{ advertise: string | null; keys: string | null; pid: number; shellPid: number | undefined }> {
    const print =
      'process.stdout.write(JSON.stringify({ advertise: process.env.ADVERTISE_HOST ?? null, ' +
      'keys: process.env.HOMEOSTASIS_API_KEYS ?? null, pid: process.pid }))';
    const [shell, flag, script] = entryWithTaskAddress([process.execPath, '-e', print], { apiKeys });
    const running = execFileAsync(String(shell), [String(flag), String(script)], {
      env: { PATH: process.env['PATH'] ?? '', ECS_CONTAINER_METADATA_URI_V4: metadataUrl, ...env },
      timeout: 20_000,
    });
    const { stdout } = await running;
    return {
      ...(JSON.parse(stdout) as { advertise: string | null; keys: string | null; pid: number }),
      shellPid: running.child.pid,
    };
  }

  it('exports the task IP as ADVERTISE_HOST and execs the service command in place of the shell', async () => {
    const out = await runEntry({}, false);
    expect(out.advertise).toBe('10.40.17.23');
    expect(out.keys).toBeNull();
    // exec: node has the shell's PID, so in a container it is PID 1 and gets ECS's SIGTERM itself.
    expect(out.pid).toBe(out.shellPid);
  }, 30_000);

  it('wraps a single generated key object into a list and passes a list unchanged', async () => {
    const one = '{"name":"admin","roles":["viewer"],"key":"a$b`c\\"d"}';
    expect((await runEntry({ HOMEOSTASIS_API_KEYS: one }, true)).keys).toBe(`[${one}]`);
    const list = '[{"name":"alice","roles":["viewer"],"key":"0123456789abcdef"}]';
    expect((await runEntry({ HOMEOSTASIS_API_KEYS: list }, true)).keys).toBe(list);
    expect((await runEntry({}, true)).keys).toBeNull();
  }, 30_000);

  it('fails the task when the metadata endpoint does not answer', async () => {
    const [shell, flag, script] = entryWithTaskAddress(['echo', 'started']);
    const run = execFileAsync(String(shell), [String(flag), String(script)], {
      env: { PATH: process.env['PATH'] ?? '', ECS_CONTAINER_METADATA_URI_V4: 'http://127.0.0.1:1/v4/none' },
      timeout: 20_000,
    });
    await expect(run).rejects.toMatchObject({ code: 1, stdout: '' });
  }, 30_000);
});

describe('the image build context', () => {
  it('leaves out every top-level entry the Dockerfiles do not copy', () => {
    const excluded = imageContextExcludes(PROJECT_ROOT);
    expect(excluded).toEqual(expect.arrayContaining(['node_modules', 'examples', '.git', '**/node_modules']));
    for (const kept of IMAGE_CONTEXT_ENTRIES) expect(excluded).not.toContain(kept);
  });
});
