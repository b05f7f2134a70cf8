import { describe, expect, it } from 'vitest';
import type { FixContext } from '../../../core/patch/candidate.ts';
import { javaFixers } from './index.ts';

/** One line per construct the fixers act on, so every fixer has something to propose at its line. */
const SOURCE = `import java.util.List;
import java.util.Map;

public class Mixed {
  static final Map<String, Integer> RATES = Map.of("DE", 1900);

  static long run(String region, String amount, int[] tiers, int index, List<String> parts, int count, String name) {
    int basisPoints = RATES.get(region);
    long cents = Long.parseLong(amount);
    int tier = tiers[index];
    String part = parts.get(index);
    long share = cents / count;
    return name.length() + basisPoints + cents + tier + part.length() + share;
  }
}
`;

const INJECTED = '"); Runtime.getRuntime().exec("touch /tmp/pwned"); //';

function contextAt(line: number, errorType: string, captures: Record<string, string>): FixContext {
  return {
    category: 'unknown',
    errorType,
    captures,
    target: { path: 'src/Mixed.java', line, column: null, function: 'run' },
    source: SOURCE,
    callers: [],
    readFile: async () => null,
  };
}

describe('Java fixers never write text from the log', () => {
  const sites = [
    { line: 8, errorType: 'java.lang.NullPointerException' },
    { line: 9, errorType: 'java.lang.NumberFormatException' },
    { line: 10, errorType: 'java.lang.ArrayIndexOutOfBoundsException' },
    { line: 11, errorType: 'java.lang.IndexOutOfBoundsException' },
    { line: 12, errorType: 'java.lang.ArithmeticException' },
    { line: 13, errorType: 'java.lang.NullPointerException' },
  ];

  it('proposes fixes at each site with ordinary captures, written only from the source', () => {
    const honest = { variable: 'name', mapType: 'Map', wrapper: 'Integer', input: '12.50', index: '3', length: '2' };
    const strategies = sites.flatMap((site) =>
      javaFixers.flatMap((fixer) => fixer.propose(contextAt(site.line, site.errorType, honest)).map((p) => p.strategy)),
    );
    expect(new Set(strategies)).toEqual(new Set(javaFixers.map((fixer) => fixer.strategy)));
  });

  it('with every capture set to injected code, no proposal contains it', () => {
    const captures = Object.fromEntries(
      ['variable', 'mapType', 'wrapper', 'unbox', 'input', 'index', 'length', 'method', 'field'].map((k) => [
        k,
        INJECTED,
      ]),
    );
    for (const site of sites) {
      for (const fixer of javaFixers) {
        for (const proposal of fixer.propose(contextAt(site.line, site.errorType, captures))) {
          expect(proposal.edits.every((edit) => !edit.after.includes('pwned'))).toBe(true);
          expect(proposal.description).not.toContain('pwned');
        }
      }
    }
  });
});
