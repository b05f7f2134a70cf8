/**
 * Accuracy of extraction, parsing, classification and fingerprinting on genuine runtime output.
 *
 *   npm run bench:accuracy [-- --write-docs]
 *
 * Runs the small buggy programs in bench/accuracy/programs (node, python3, java, go) with several inputs, in two
 * releases (the second with lines inserted above the bugs), logged (pino JSON, Python logging, logback pattern)
 * and uncaught (the runtime's own report), plus clean logs whose INFO/WARN lines mention errors. Scores the events
 * against the labels in bugCatalog.ts and prints a table per language. `--write-docs` also writes the table into
 * docs/benchmarks.md between the accuracy markers.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from './corpusBuilder.ts';
import { writeAccuracySection } from './docsSection.ts';
import { formatAccuracyTable, formatMistakes } from './reportTable.ts';
import { scoreCorpus } from './scorer.ts';

const started = performance.now();
const corpus = await buildCorpus();
const built = performance.now();
const report = scoreCorpus(corpus);
const scored = performance.now();

const logs = corpus.logs.length;
const injected = report.overall.detection.total;
const table = formatAccuracyTable(report);
const runtimes = Object.entries(corpus.runtimes)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');
const summary =
  `${injected} injected errors and ${corpus.logs.filter((l) => l.clean).length} clean logs in ${logs} logs ` +
  `(${runtimes}). Corpus built in ${((built - started) / 1000).toFixed(1)} s, scored in ${((scored - built) / 1000).toFixed(2)} s.`;

console.log(table);
console.log(`\n${summary}`);
const mistakes = formatMistakes(report);
if (mistakes.length > 0) console.log(`\n${mistakes.join('\n')}`);

/**
 * Why Python's variants split, found while building the benchmark: kept next to the figures while it holds.
 * `logging.exception` prints the traceback from the frame that caught the exception down; the interpreter's report
 * of the same exception uncaught starts at `<module>`. Fingerprint v1 hashes up to 5 in-app frames, so the uncaught
 * copy has one more (`app:?`) and the same bug gets two groups. Node, Java and Go stacks are captured where the error
 * is created, so caught and uncaught copies carry the same frames.
 */
const PYTHON_SPLIT_NOTE =
  'Python misses the F1 goal because each bug gets two fingerprints: `logging.exception` prints the traceback ' +
  'from the frame that caught the exception, the uncaught report from `<module>`, so the uncaught copy has one ' +
  'more in-app frame and fingerprint v1 (up to 5 in-app frames) hashes it. Node, Java and Go capture the stack ' +
  'where the error is created, so caught and uncaught copies carry the same frames. A fix belongs in the ' +
  'fingerprint (e.g. hash the in-app frames up to the one that raised plus a fixed number of callers) and needs ' +
  'an algorithm version bump.';

const pythonSplit = mistakes.some((m) => m.startsWith('split: py-'));
if (pythonSplit) console.log(`\n${PYTHON_SPLIT_NOTE}`);

if (process.argv.includes('--write-docs')) {
  const docs = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
  const body = [
    '## Accuracy (`npm run bench:accuracy`)',
    '',
    'Small buggy programs (bench/accuracy/programs) are really run with node, python3, java and go: each bug with ' +
      'several inputs and request ids, in two releases (the second with lines inserted above the bugs), caught and ' +
      "logged (pino JSON lines, Python `logging.exception`, the logback pattern) and uncaught (the runtime's own " +
      "report), plus clean logs whose INFO/WARN lines mention errors or carry a handled error's stack. Each bug has " +
      'a look-alike (same error type in another function or file). Events are scored against the labels in ' +
      'bench/accuracy/bugCatalog.ts; fingerprint scores are over all pairs of matched events (same bug = should group).',
    '',
    table,
    '',
    summary,
    ...(mistakes.length > 0 ? ['', 'Misses, as printed by the benchmark:', '', '```', ...mistakes, '```'] : []),
    ...(pythonSplit ? ['', PYTHON_SPLIT_NOTE] : []),
  ].join('\n');
  writeAccuracySection(docs, body);
  console.log(`\nwrote ${docs}`);
}
