/**
 * Extraction throughput and memory on a realistic mixed log.
 *
 *   node --import tsx bench/extractionBench.ts [--mb 200] [--seed 7]
 *
 * Writes a log of `--mb` MiB (and one of 50 MiB, to show memory is flat in the input size) to a temp directory:
 * pino JSON lines and plain text lines, with about 1% of records errors whose traces are the real ones captured in
 * test/fixtures/runtime/output (Node reports and pino records, Python logging, Java logback and uncaught, Go
 * panics). Each size is extracted in a fresh child process (readLines + extractErrors, all four detectors), which
 * reports its time and peak RSS. Also times line splitting alone: readLines against node:readline.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createExtractionStats } from '../core/extract/extractOptions.ts';
import { readLines } from '../core/extract/lineReader.ts';
import { extractErrors } from '../core/extract/logExtractor.ts';
import { goDetector } from '../plugins/go/detector.ts';
import { javaDetector } from '../plugins/java/detector.ts';
import { javascriptDetector } from '../plugins/javascript/detector.ts';
import { pythonDetector } from '../plugins/python/detector.ts';

const MIB = 1024 * 1024;
const FIXTURES = fileURLToPath(new URL('../test/fixtures/runtime/output/', import.meta.url));
export const ALL_DETECTORS = [javascriptDetector, pythonDetector, javaDetector, goDetector];

/** Traces that each yield exactly one event, as the runtimes printed them. */
interface TraceTemplate {
  kind: string;
  render(time: number, requestId: string): string;
}

function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8').trimEnd();
}

function fixtureLines(path: string, from: number, to: number): string {
  return fixture(path).split('\n').slice(from, to).join('\n');
}

function loadTemplates(): TraceTemplate[] {
  const pinoRecord = JSON.parse(fixture('javascript/json-loggers.txt').split('\n')[2] ?? '{}') as { err: unknown };
  const isoPrefix = (time: number): string => new Date(time).toISOString().replace('T', ' ').replace('Z', '');
  const plain = (kind: string, text: string): TraceTemplate => ({ kind, render: () => text });
  return [
    {
      kind: 'pino error record',
      render: (time, reqId) =>
        JSON.stringify({ level: 50, time, pid: 4242, hostname: 'orders-1', reqId, err: pinoRecord.err, msg: 'failed' }),
    },
    plain('node uncaught report', fixture('javascript/custom-error.txt')),
    plain('node uncaught report', fixture('javascript/async-cause.txt')),
    {
      kind: 'python logging',
      render: (time) => `${isoPrefix(time)} ERROR [orders] pricing failed\n${fixture('python/index_error.txt')}`,
    },
    plain('python uncaught chain', fixture('python/chained.txt')),
    {
      kind: 'java logback',
      render: (time) => `${isoPrefix(time)} ERROR [main] c.e.o.CatalogClient - load failed\n${fixtureLines('java/logback-style.txt', 18, 27)}`,
    },
    plain('java uncaught', fixture('java/crash-chain.txt')),
    plain('go panic', fixture('go/index.txt')),
    plain('go fatal error', fixture('go/concurrent.txt')),
  ];
}

/** mulberry32: a small seeded generator, so a size and seed always give the same log. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = ['/orders', '/orders/42', '/customers/c-7', '/cart', '/checkout', '/health'];
const NOISE = [
  'retrying after error',
  'cache miss, error budget at 3%',
  '0 errors in the last hour',
  'request completed',
  'connection pool resized',
  'user signed in',
];

export interface MixedLogOptions {
  bytes: number;
  seed?: number;
  /** Share of records that are errors. Default 0.01. */
  errorRate?: number;
}

export interface MixedLogSummary {
  bytes: number;
  lines: number;
  errors: number;
  errorsByKind: Record<string, number>;
}

/** The log in chunks of about 1 MiB; `summary` is complete once the generator is done. */
export function* mixedLogChunks(options: MixedLogOptions, summary: MixedLogSummary): Generator<string> {
  const next = random(options.seed ?? 7);
  const errorRate = options.errorRate ?? 0.01;
  const templates = loadTemplates();
  let time = Date.UTC(2026, 10, 24, 10, 0, 0);
  let chunk = '';
  let record = 0;
  while (summary.bytes + chunk.length < options.bytes) {
    time += 1 + Math.floor(next() * 40);
    const reqId = `req-${(++record).toString(36)}`;
    const roll = next();
    if (roll < errorRate) {
      const template = templates[Math.floor(next() * templates.length)] ?? templates[0];
      if (template === undefined) break;
      chunk += `${template.render(time, reqId)}\n`;
      summary.errors++;
      summary.errorsByKind[template.kind] = (summary.errorsByKind[template.kind] ?? 0) + 1;
    } else if (roll < 0.6) {
      const level = next() < 0.9 ? 30 : 40;
      const msg = NOISE[Math.floor(next() * NOISE.length)];
      chunk += `${JSON.stringify({ level, time, pid: 4242, hostname: 'orders-1', reqId, msg, durationMs: Math.floor(next() * 900) })}\n`;
    } else {
      const path = PATHS[Math.floor(next() * PATHS.length)];
      const status = next() < 0.97 ? 200 : 404;
      const level = next() < 0.95 ? 'INFO' : 'WARN';
      chunk += `${new Date(time).toISOString()} ${level} [http] GET ${path} ${status} ${Math.floor(next() * 90)}ms reqId=${reqId}\n`;
    }
    if (chunk.length >= MIB) {
      summary.bytes += Buffer.byteLength(chunk);
      summary.lines += countLines(chunk);
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) {
    summary.bytes += Buffer.byteLength(chunk);
    summary.lines += countLines(chunk);
    yield chunk;
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export function emptySummary(): MixedLogSummary {
  return { bytes: 0, lines: 0, errors: 0, errorsByKind: {} };
}

async function writeMixedLog(path: string, options: MixedLogOptions): Promise<MixedLogSummary> {
  const summary = emptySummary();
  const out = createWriteStream(path);
  for (const chunk of mixedLogChunks(options, summary)) {
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return summary;
}

interface ChildResult {
  seconds: number;
  lines: number;
  events: number;
  peakRssMiB: number;
}

/** Runs in a fresh process so that its peak RSS is the extraction's alone. */
async function extractInChild(path: string): Promise<void> {
  const stats = createExtractionStats();
  const started = process.hrtime.bigint();
  let events = 0;
  for await (const _ of extractErrors(readLines(path), { detectors: ALL_DETECTORS, stats })) events++;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result: ChildResult = { seconds, lines: stats.lines, events, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(result));
}

async function timeSplitting(path: string): Promise<{ readLines: number; readline: number }> {
  let started = process.hrtime.bigint();
  let count = 0;
  for await (const batch of readLines(path).batches()) count += batch.length;
  const ours = Number(process.hrtime.bigint() - started) / 1e9;
  started = process.hrtime.bigint();
  for await (const _ of createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY })) count--;
  const theirs = Number(process.hrtime.bigint() - started) / 1e9;
  if (count !== 0) throw new Error(`readLines and readline disagree on the line count (${count})`);
  return { readLines: ours, readline: theirs };
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

async function main(): Promise<void> {
  const childPath = process.argv.indexOf('--child');
  if (childPath !== -1) return extractInChild(process.argv[childPath + 1] ?? '');
  const mb = option('mb', 200);
  const seed = option('seed', 7);
  const dir = await mkdtemp(join(tmpdir(), 'homeostasis-bench-'));
  try {
    const rows: string[] = [];
    for (const size of [...new Set([50, mb])].sort((a, b) => a - b)) {
      const path = join(dir, `mixed-${size}.log`);
      const summary = await writeMixedLog(path, { bytes: size * MIB, seed });
      const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', path]);
      const result = JSON.parse(output.toString()) as ChildResult;
      const mibPerSecond = summary.bytes / MIB / result.seconds;
      const check = result.events === summary.errors ? 'ok' : `MISMATCH, expected ${summary.errors}`;
      rows.push(
        [
          `${(summary.bytes / MIB).toFixed(0)} MiB`.padStart(8),
          result.lines.toLocaleString('en').padStart(12),
          `${result.events} (${check})`.padStart(16),
          `${result.seconds.toFixed(2)} s`.padStart(9),
          `${mibPerSecond.toFixed(1)} MiB/s`.padStart(13),
          `${Math.round(result.lines / result.seconds).toLocaleString('en')} lines/s`.padStart(18),
          `${result.peakRssMiB.toFixed(0)} MiB`.padStart(10),
        ].join(' |'),
      );
      if (size === mb) {
        const split = await timeSplitting(path);
        const rate = (seconds: number): string => `${(summary.bytes / MIB / seconds).toFixed(0)} MiB/s`;
        rows.push(`line splitting alone on ${size} MiB: readLines ${rate(split.readLines)}, node:readline ${rate(split.readline)}`);
        rows.push(`errors by kind: ${JSON.stringify(summary.errorsByKind)}`);
      }
      rmSync(path);
    }
    console.log(`node ${process.version}, one core, all four detectors (seed ${seed})`);
    console.log('    size |       lines |           events |      time |    throughput |            lines/s |  peak RSS');
    for (const row of rows) console.log(row);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
