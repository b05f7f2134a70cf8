import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { describeControlStore } from '../test/pipeline/adapters/controlStoreSuite.ts';
import { SqliteControlStore } from './sqliteControlStore.ts';

const dir = mkdtempSync(join(tmpdir(), 'control-store-'));
const opened: SqliteControlStore[] = [];
let files = 0;
afterAll(() => {
  for (const store of opened) store.close();
  rmSync(dir, { recursive: true, force: true });
});

// Several connections to one file: the way the CLI, `homeostasis serve` and a delivery share the embedded store.
describeControlStore('SqliteControlStore', async (handles) => {
  const path = join(dir, `control-${files++}.db`);
  const stores = Array.from({ length: handles }, () => new SqliteControlStore(path));
  opened.push(...stores);
  return stores;
});

describe('SqliteControlStore across threads', () => {
  it('never counts past max when 4 threads, each with its own connection, take 20 times at once', async () => {
    const path = join(dir, 'threads.db');
    new SqliteControlStore(path).close();
    const start = new SharedArrayBuffer(4);
    const at = '2026-03-01T10:15:00Z';
    const workers = Array.from(
      { length: 4 },
      () =>
        new Worker(new URL('./sqliteTakeWorker.mjs', import.meta.url), {
          workerData: { path, at, max: 7, takes: 5, start },
        }),
    );
    const results = workers.map(
      (worker) =>
        new Promise<boolean[]>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    );
    await Promise.all(workers.map((worker) => once(worker, 'online')));
    const flag = new Int32Array(start);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    const taken = (await Promise.all(results)).flat();
    expect(taken).toHaveLength(20);
    expect(taken.filter(Boolean)).toHaveLength(7);
    const store = new SqliteControlStore(path);
    opened.push(store);
    expect(await store.count('healing', new Date(at))).toBe(7);
  });
});
