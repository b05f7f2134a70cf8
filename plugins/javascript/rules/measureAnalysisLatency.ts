import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readRuleFile } from '../../../core/rules/loadRuleFile.ts';
import { RuleIndex } from '../../../core/rules/ruleIndex.ts';
import type { Language } from '../../../core/schema/taxonomy.ts';

/**
 * Prints the latency of RuleIndex.analyze with every plugin's rule file loaded (targets: p50 <= 50 us,
 * p99 <= 500 us):
 *
 *   node --import tsx plugins/javascript/rules/measureAnalysisLatency.ts [rounds]
 *
 * Inputs are every example message of every rule file (matches and near misses, JavaScript ones analysed as
 * TypeScript to go through the alias) plus messages no rule matches, each analysed `rounds` times (default 200)
 * after a warm-up; every call is timed on its own.
 */
const rounds = Number(process.argv[2] ?? 200);
const pluginsDir = fileURLToPath(new URL('../../', import.meta.url));
const files = readdirSync(pluginsDir).flatMap((plugin) => {
  const dir = `${pluginsDir}${plugin}/rules/`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.rules.json'))
    .map((name) => readRuleFile(dir + name));
});
const index = new RuleIndex(files);
const inputs: { language: Language; errorType: string; message: string }[] = files.flatMap((file) =>
  file.rules.flatMap((rule) =>
    [...rule.examples.positive, ...rule.examples.negative].map((example) => ({
      language: file.language === 'javascript' ? ('typescript' as const) : file.language,
      errorType: example.errorType,
      message: example.message,
    })),
  ),
);
inputs.push(
  { language: 'typescript', errorType: 'TypeError', message: 'Something entirely new happened in a library' },
  { language: 'javascript', errorType: 'ValidationError', message: 'order total must be positive' },
  { language: 'javascript', errorType: 'Error', message: `upstream said: ${'x'.repeat(2_000)}` },
);

for (let i = 0; i < 20; i++) for (const input of inputs) index.analyze(input.language, input.errorType, input.message);

const samples = new Float64Array(rounds * inputs.length);
let n = 0;
let matched = 0;
const started = process.hrtime.bigint();
for (let round = 0; round < rounds; round++) {
  for (const input of inputs) {
    const t0 = process.hrtime.bigint();
    const analysis = index.analyze(input.language, input.errorType, input.message);
    samples[n++] = Number(process.hrtime.bigint() - t0) / 1_000;
    if (analysis.ruleId !== null) matched++;
  }
}
const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
samples.sort();
const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
const languages = files.map((file) => `${file.language} ${file.rules.length}`).join(', ');
console.log(
  `${index.size} rules (${languages}), ${inputs.length} messages x ${rounds} rounds = ${samples.length} analyses`,
);
console.log(`latency us: p50 ${at(0.5)}  p90 ${at(0.9)}  p99 ${at(0.99)}  p99.9 ${at(0.999)}  max ${at(1)}`);
console.log(
  `throughput: ${Math.round(samples.length / (totalMs / 1_000)).toLocaleString('en-US')} analyses/s, ${matched} matched`,
);
