import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../bench/accuracy/corpus.ts';
import { assembleLog } from '../../bench/accuracy/corpus.ts';
import { buildCorpus } from '../../bench/accuracy/corpusBuilder.ts';
import { pairwiseScore } from '../../bench/accuracy/pairwise.ts';
import { SHIFT_LINES } from '../../bench/accuracy/programRunner.ts';
import { formatAccuracyTable } from '../../bench/accuracy/reportTable.ts';
import { type AccuracyReport, scoreCorpus } from '../../bench/accuracy/scorer.ts';

describe('accuracy benchmark on a slice (one bug per language, two variants, one clean log)', () => {
  let corpus: Corpus;
  let report: AccuracyReport;

  beforeAll(async () => {
    corpus = await buildCorpus({ slice: true });
    report = scoreCorpus(corpus);
  }, 120_000);

  it('builds the corpus from the four runtimes, one clean log each', () => {
    expect(Object.keys(corpus.runtimes).sort()).toEqual(['go', 'java', 'javascript', 'python']);
    expect(corpus.logs.filter((l) => l.clean).map((l) => l.language)).toEqual(['javascript', 'python', 'java', 'go']);
    const injected = corpus.logs.flatMap((l) => l.chunks).filter((c) => c.bug);
    expect(injected).toHaveLength(8);
  });

  it('finds every injected error and nothing on the clean logs', () => {
    expect(report.missed).toEqual([]);
    expect(report.overall.detection).toEqual({ hit: 8, total: 8, rate: 1 });
    expect(report.overall.cleanFalsePositives).toBe(0);
    expect(report.overall.unmatchedFalsePositives).toBe(0);
    for (const log of corpus.logs.filter((l) => l.clean)) {
      expect(log.text).toMatch(/error/i);
      expect(report.outcomes.filter((o) => o.log === log.name)).toEqual([]);
    }
  });

  it('groups the two variants of each bug although the second one runs with shifted line numbers', () => {
    for (const language of ['javascript', 'python', 'java', 'go'] as const) {
      const matched = report.outcomes.filter((o) => o.kind === 'matched' && o.event.language === language);
      expect(matched).toHaveLength(2);
      const [first, second] = matched.map((o) => o.event);
      expect(first?.fingerprint).toBe(second?.fingerprint);
      const line = (i: number) => matched[i]?.event.frames.find((f) => f.inApp)?.line ?? 0;
      expect(line(1) - line(0)).toBe(SHIFT_LINES);
    }
    // Bugs of different languages never share a fingerprint: every grouped pair is a right one.
    expect(report.overall.fingerprint).toMatchObject({ truePositives: 4, falsePositives: 0, falseNegatives: 0 });
  });

  it('labels each matched event and prints a table row per language', () => {
    for (const o of report.outcomes)
      expect(o.checks).toEqual({ language: true, errorType: true, category: true, topFrame: true });
    const table = formatAccuracyTable(report);
    for (const name of ['javascript', 'python', 'java', 'go', 'all']) expect(table).toContain(`| ${name} |`);
  });
});

describe('scorer', () => {
  it('counts a split bug against recall and two merged bugs against precision', () => {
    const split = pairwiseScore([
      { truth: 'a', predicted: '1' },
      { truth: 'a', predicted: '2' },
      { truth: 'b', predicted: '3' },
    ]);
    expect(split).toMatchObject({
      pairs: 3,
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 1,
      precision: 1,
      recall: 0,
    });
    const merged = pairwiseScore([
      { truth: 'a', predicted: '1' },
      { truth: 'a', predicted: '1' },
      { truth: 'b', predicted: '1' },
    ]);
    expect(merged).toMatchObject({ truePositives: 1, falsePositives: 2, falseNegatives: 0, recall: 1 });
    expect(merged.precision).toBeCloseTo(1 / 3);
  });

  it('counts an event in a clean log as a clean false positive and a second event in one chunk as unmatched', () => {
    const trace = [
      'Traceback (most recent call last):',
      '  File "/srv/app/orders.py", line 3, in price',
      '    return rates[country]',
      "KeyError: 'XX'",
    ].join('\n');
    const bug = {
      id: 'py-x',
      language: 'python' as const,
      entry: 'price',
      errorType: 'KeyError',
      category: 'missing-key' as const,
      topFrame: { file: 'orders.py', function: 'price' },
      inputs: ['XX', 'YY', 'ZZ'],
    };
    const corpus: Corpus = {
      runtimes: {},
      logs: [
        assembleLog({ name: 'errors', language: 'python', format: 'stderr', clean: false }, [
          { text: `${trace}\n${trace}`, bug, variant: 'twice' },
        ]),
        assembleLog({ name: 'clean', language: 'python', format: 'clean', clean: true }, [
          { text: trace, bug: null, variant: 'clean' },
        ]),
      ],
    };
    const scored = scoreCorpus(corpus);
    expect(scored.outcomes.map((o) => o.kind)).toEqual(['matched', 'unmatched-false-positive', 'clean-false-positive']);
    expect(scored.overall.detection.rate).toBe(1);
    expect(scored.outcomes[0]?.checks).toEqual({ language: true, errorType: true, category: true, topFrame: true });
  });
});
