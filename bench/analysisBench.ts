/**
 * Analysis latency per error with the full rule set loaded (every registered language).
 *
 *   node --import tsx bench/analysisBench.ts [--iterations 200000]
 *
 * Two figures: the rule engine alone (`RuleIndex.analyze`: index lookup by language and error type, then the
 * patterns), and the whole per-error path the ingest stage runs (parse the trace, mask secrets, fingerprint,
 * analyze). Inputs are the rules' own examples (real runtime messages) and real traces captured from the runtimes.
 * Each call is timed with hrtime; the table shows p50, p99 and the mean after a warm-up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ExtractedError } from '../core/extract/extractedError.ts';
import { extractErrorsFromString } from '../core/extract/logExtractor.ts';
import { buildErrorEvent } from '../core/heal/errorEventBuilder.ts';
import { createRegistry } from '../plugins/index.ts';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '200000' } } });
const iterations = Number(values.iterations);
const registry = createRegistry();

const messages = registry.plugins.flatMap((p) =>
  p.rules.rules.flatMap((r) =>
    [...r.examples.positive, ...r.examples.negative].map((e) => ({ language: p.language, ...e })),
  ),
);

const fixtures = fileURLToPath(new URL('../test/fixtures/runtime/output/', import.meta.url));
const traces: ExtractedError[] = [];
for (const language of readdirSync(fixtures)) {
  for (const file of readdirSync(join(fixtures, language))) {
    traces.push(
      ...extractErrorsFromString(readFileSync(join(fixtures, language, file), 'utf8'), {
        detectors: registry.detectors,
      }),
    );
  }
}

function measure(label: string, count: number, run: (i: number) => void): string {
  for (let i = 0; i < Math.min(20_000, count); i++) run(i); // warm-up: let the JIT settle
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    run(i);
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  const at = (q: number) => samples[Math.min(count - 1, Math.floor(q * count))] ?? 0;
  const mean = samples.reduce((a, b) => a + b, 0) / count;
  return `| ${label} | ${count.toLocaleString('en')} | ${at(0.5).toFixed(1)} | ${at(0.99).toFixed(1)} | ${mean.toFixed(1)} |`;
}

const ruleCount = registry.plugins.reduce((n, p) => n + p.rules.rules.length, 0);
console.log(
  `Rules loaded: ${ruleCount} in ${registry.plugins.length} language(s); ${messages.length} real messages, ${traces.length} real traces`,
);
console.log('');
console.log('| path | calls | p50 µs | p99 µs | mean µs |');
console.log('|---|---|---|---|---|');
console.log(
  measure('rule engine: analyze(language, type, message)', iterations, (i) => {
    const m = messages[i % messages.length];
    if (m) registry.analyzer.analyze(m.language, m.errorType, m.message);
  }),
);
const ctx = { registry, service: 'bench', environment: 'bench', idFor: () => 'bench' };
console.log(
  measure('whole event: parse + scrub + fingerprint + analyze', Math.max(1, Math.floor(iterations / 4)), (i) => {
    const t = traces[i % traces.length];
    if (t) buildErrorEvent(t, ctx);
  }),
);
