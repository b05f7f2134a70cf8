/**
 * Extraction throughput and memory on a realistic mixed log.
 *
 *   node --import tsx bench/extractionBench.ts [--mb 200] [--seed 7] [--runs 3]
 *
 * Writes a log of `--mb` MiB (and one of 50 MiB, to show memory is flat in the input size) to a temp directory:
 * pino JSON lines and plain text lines, with about 1% of records errors whose traces are the real ones captured in
 * test/fixtures/runtime/output (Node reports and pino records, Python logging, Java logback and uncaught, Go
 * panics). Each size is extracted `--runs` times, each in a fresh child process (readLines + extractErrors, all four
 * detectors) that reports its time and peak RSS; the table shows the median time and the highest RSS. Also times
 * line splitting alone, readLines against node:readline.
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
      render: (time) =>
        `${isoPrefix(time)} ERROR [main] c.e.o.CatalogClient - load failed\n${fixtureLines('java/logback-style.txt', 18, 27)}`,
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
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
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

/** Runs in a fresh process so that its peak RSS is the extraction's alone; with no path, reads nothing (baseline). */
async function extractInChild(path: string | undefined): Promise<void> {
  const stats = createExtractionStats();
  const started = process.hrtime.bigint();
  let events = 0;
  if (path !== undefined) {
    for await (const _ of extractErrors(readLines(path), { detectors: ALL_DETECTORS, stats })) events++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const result: ChildResult = { seconds, lines: stats.lines, events, peakRssMiB };
  process.stdout.write(JSON.stringify(result));
}

function runChild(path?: string, split?: 'readLines' | 'readline'): ChildResult {
  const mode = split === undefined ? ['--child'] : ['--split', split];
  const args = [...process.execArgv, fileURLToPath(import.meta.url), ...mode, ...(path === undefined ? [] : [path])];
  return JSON.parse(execFileSync(process.execPath, args).toString()) as ChildResult;
}

/** Line splitting alone, in a child like extraction: `readLines` batches, or node:readline. */
async function splitInChild(how: string, path: string): Promise<void> {
  const started = process.hrtime.bigint();
  let lines = 0;
  if (how === 'readline') {
    const input = createReadStream(path);
    for await (const _ of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) lines++;
  } else {
    for await (const batch of readLines(path).batches()) lines += batch.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result: ChildResult = { seconds, lines, events: 0, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(result));
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function row(size: string, lines: string, events: string, time: string, rate: string, perLine: string, rss: string) {
  return `${size.padStart(8)} |${lines.padStart(12)} |${events.padStart(16)} |${time.padStart(8)} |${rate.padStart(13)} |${perLine.padStart(17)} |${rss.padStart(9)}`;
}

async function measure(size: number, seed: number, runs: number, dir: string): Promise<string[]> {
  const path = join(dir, `mixed-${size}.log`);
  const summary = await writeMixedLog(path, { bytes: size * MIB, seed });
  const results = Array.from({ length: runs }, () => runChild(path));
  const seconds = median(results.map((r) => r.seconds));
  const first = results[0];
  const events = first?.events ?? 0;
  const check = results.every((r) => r.events === summary.errors) ? 'ok' : `expected ${summary.errors}!`;
  const rows = [
    row(
      `${(summary.bytes / MIB).toFixed(0)} MiB`,
      (first?.lines ?? 0).toLocaleString('en'),
      `${events} (${check})`,
      `${seconds.toFixed(2)} s`,
      `${(summary.bytes / MIB / seconds).toFixed(1)} MiB/s`,
      `${Math.round((first?.lines ?? 0) / seconds).toLocaleString('en')}/s`,
      `${Math.max(...results.map((r) => r.peakRssMiB)).toFixed(0)} MiB`,
    ),
  ];
  if (size === Math.max(size, option('mb', 200))) {
    const rate = (how: 'readLines' | 'readline'): string => {
      const timed = Array.from({ length: runs }, () => runChild(path, how));
      if (timed.some((r) => r.lines !== first?.lines)) throw new Error(`${how} counted other lines`);
      return `${(summary.bytes / MIB / median(timed.map((r) => r.seconds))).toFixed(0)} MiB/s`;
    };
    rows.push(`  line splitting alone: readLines ${rate('readLines')}, node:readline ${rate('readline')}`);
    rows.push(`  errors by kind: ${JSON.stringify(summary.errorsByKind)}`);
  }
  rmSync(path);
  return rows;
}

async function main(): Promise<void> {
  const child = process.argv.indexOf('--child');
  if (child !== -1) return extractInChild(process.argv[child + 1]);
  const split = process.argv.indexOf('--split');
  if (split !== -1) return splitInChild(process.argv[split + 1] ?? '', process.argv[split + 2] ?? '');
  const mb = option('mb', 200);
  const seed = option('seed', 7);
  const runs = option('runs', 3);
  const dir = await mkdtemp(join(tmpdir(), 'homeostasis-bench-'));
  try {
    const rows: string[] = [];
    for (const size of [...new Set([50, mb])].sort((a, b) => a - b))
      rows.push(...(await measure(size, seed, runs, dir)));
    const baseline = runChild();
    console.log(`node ${process.version}, one core, all four detectors, seed ${seed}, median of ${runs} runs`);
    console.log(row('size', 'lines', 'events', 'time', 'throughput', 'lines', 'peak RSS'));
    for (const line of rows) console.log(line);
    console.log(`  peak RSS of the same child reading nothing (node + tsx): ${baseline.peakRssMiB.toFixed(0)} MiB`);
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
