import { parentPort, workerData } from 'node:worker_threads';
import { SqliteControlStore } from './sqliteControlStore.ts';

/** One "process" of the concurrency test: its own connection; waits for the start signal, then takes `takes` times. */
const { path, at, max, takes, start } = workerData as {
  path: string;
  at: string;
  max: number;
  takes: number;
  start: SharedArrayBuffer;
};
const store = new SqliteControlStore(path);
Atomics.wait(new Int32Array(start), 0, 0);
const taken: boolean[] = [];
for (let i = 0; i < takes; i++) taken.push(await store.take('healing', new Date(at), max));
store.close();
parentPort?.postMessage(taken);
