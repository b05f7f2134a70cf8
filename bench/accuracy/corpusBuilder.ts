import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '../../core/schema/taxonomy.ts';
import { BUG_CATALOG, type BugLabel } from './bugCatalog.ts';
import { assembleLog, type ChunkText, type Corpus, type LabelledLog } from './corpus.ts';
import { LANGUAGE_DRIVERS, type LanguageDriver, type LoggedCase } from './languageDrivers.ts';

export interface CorpusOptions {
  /** Only these languages. Default: all four. */
  languages?: readonly Language[];
  /**
   * The small slice the tests run: the first bug of each language, two variants (two inputs, the second in the
   * shifted copy) and one clean log. Default false: every bug, 6 variants each (4 for Go).
   */
  slice?: boolean;
}

/**
 * Runs the benchmark's programs and labels what they printed. Each language's programs are copied twice under a
 * temporary root, as two releases at the same path (`<root>/<release>/srv/<lang>`): the original and a copy with
 * lines inserted above the bugs. Variants of a bug differ in input, request id, release and log format.
 */
export async function buildCorpus(options: CorpusOptions = {}): Promise<Corpus> {
  const root = mkdtempSync(join(tmpdir(), 'homeostasis-accuracy-'));
  try {
    const drivers = LANGUAGE_DRIVERS.filter((d) => !options.languages || options.languages.includes(d.language));
    const perLanguage = await Promise.all(drivers.map((d) => buildLanguage(d, root, options.slice ?? false)));
    const runtimes: Corpus['runtimes'] = {};
    for (const [i, d] of drivers.entries()) runtimes[d.language] = perLanguage[i]?.version ?? '';
    return { logs: perLanguage.flatMap((p) => p.logs), runtimes };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function buildLanguage(
  driver: LanguageDriver,
  root: string,
  slice: boolean,
): Promise<{ logs: LabelledLog[]; version: string }> {
  const language = driver.language;
  const all = BUG_CATALOG.filter((b) => b.language === language);
  const bugs = slice ? all.slice(0, 1) : all;
  const original = await driver.prepare(join(root, 'release-1', 'srv'), false);
  const shifted = await driver.prepare(join(root, 'release-2', 'srv'), true);
  const logs: LabelledLog[] = [];

  if (original.logged && shifted.logged && driver.loggedFormat) {
    const originalInputs = slice ? [0] : [0, 1, 2];
    const shiftedInputs = slice ? [1] : [0];
    const cases = (inputs: number[]) =>
      bugs.flatMap((bug) => inputs.map((n) => ({ bug, n, run: loggedCase(bug, n, slice ? 's' : 'f') })));
    const first = cases(originalInputs);
    const second = cases(shiftedInputs);
    const firstOut = await original.logged(first.map((c) => c.run));
    const secondOut = await shifted.logged(second.map((c) => c.run));
    const pieces: ChunkText[] = [
      ...first.map((c, i) => ({ text: firstOut[i] ?? '', bug: c.bug, variant: `logged input ${c.n}` })),
      ...second.map((c, i) => ({ text: secondOut[i] ?? '', bug: c.bug, variant: `logged shifted input ${c.n}` })),
    ];
    logs.push(
      assembleLog(
        { name: `${language}-${driver.loggedFormat}`, language, format: driver.loggedFormat, clean: false },
        pieces,
      ),
    );
  }

  // Uncaught crashes, one process each, as a supervisor's captured stderr holds them one after another.
  const crashes: Array<{ bug: BugLabel; n: number; shifted: boolean }> = [];
  for (const bug of bugs) {
    if (driver.loggedFormat === null) {
      if (slice) crashes.push({ bug, n: 0, shifted: false }, { bug, n: 1, shifted: true });
      else crashes.push(...[0, 1, 2].map((n) => ({ bug, n, shifted: false })), { bug, n: 0, shifted: true });
    } else if (!slice) {
      crashes.push({ bug, n: 1, shifted: false }, { bug, n: 2, shifted: true });
    }
  }
  if (crashes.length > 0) {
    const pieces: ChunkText[] = [];
    for (const c of crashes) {
      const program = c.shifted ? shifted : original;
      const text = await program.uncaught(c.bug.entry, c.bug.inputs[c.n] ?? '');
      pieces.push({ text, bug: c.bug, variant: `uncaught${c.shifted ? ' shifted' : ''} input ${c.n}` });
    }
    logs.push(assembleLog({ name: `${language}-stderr`, language, format: 'stderr', clean: false }, pieces));
  }

  const clean = await original.clean();
  logs.push(
    assembleLog({ name: `${language}-clean`, language, format: 'clean', clean: true }, [
      { text: clean, bug: null, variant: 'clean' },
    ]),
  );
  return { logs, version: await driver.version() };
}

/** Request ids differ per case and per run kind, the way real ones differ per request. */
function loggedCase(bug: BugLabel, n: number, kind: string): LoggedCase {
  return { bug: bug.entry, input: bug.inputs[n] ?? '', requestId: `${kind}${n}-${bug.id}-${(n + 1) * 7919}` };
}
