import { describe, expect, it } from 'vitest';
import { ALL_DETECTORS, emptySummary, mixedLogChunks } from '../../bench/extractionBench.ts';
import { createExtractionStats } from './extractOptions.ts';
import { extractErrorsFromString } from './logExtractor.ts';

describe("the benchmark's log generator", () => {
  it('writes about the size asked, with the errors it says, each found once by the extractor', () => {
    const summary = emptySummary();
    const text = [...mixedLogChunks({ bytes: 3 * 1024 * 1024, seed: 11 }, summary)].join('');
    expect(summary.bytes).toBeGreaterThanOrEqual(3 * 1024 * 1024);
    expect(summary.bytes).toBeLessThan(3 * 1024 * 1024 + 64 * 1024);
    expect(Buffer.byteLength(text)).toBe(summary.bytes);
    // About 1% of records are errors, so about 0.3% of lines (traces take 5 to 37 lines).
    expect(summary.errors / summary.lines).toBeGreaterThan(0.001);
    expect(summary.errors / summary.lines).toBeLessThan(0.01);
    expect(Object.keys(summary.errorsByKind)).toHaveLength(8);

    const stats = createExtractionStats();
    const found = extractErrorsFromString(text, { detectors: ALL_DETECTORS, stats });
    expect(found).toHaveLength(summary.errors);
    expect(stats.lines).toBe(summary.lines);
    expect(new Set(found.map((e) => e.language))).toEqual(new Set(['javascript', 'python', 'java', 'go']));
  });
});
