import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundsCheckFixer } from './boundsCheck.ts';
import { changedLines, cleanUpSnippets, crashJava, type JavaCrash, rerunPatched } from './testing/javaCrash.ts';

const TIERS = `public class Tiers {
  static int rate(int[] rates, int tier) {
    return rates[tier];
  }

  public static void main(String[] args) {
    int[] rates = {0, 5, 10};
    try {
      System.out.println(rate(rates, 1) + rate(rates, 3));
    } catch (IllegalArgumentException e) {
      System.out.println("rejected: " + e.getMessage());
    }
  }
}
`;

const CSV = `import java.util.List;

public class Csv {
  static void printCurrency(String line) {
    List<String> parts = List.of(line.split(","));
    String currency = parts.get(2);
    System.out.println("currency=" + currency);
  }

  public static void main(String[] args) {
    printCurrency("INV-1,1200,EUR");
    printCurrency("INV-2,900");
  }
}
`;

const SIDE_EFFECT = `public class Cursor {
  static int next(int[] values) {
    int i = 0;
    int sum = 0;
    while (true) sum += values[i++];
  }

  public static void main(String[] args) {
    System.out.println(next(new int[] {1, 2}));
  }
}
`;

describe('bounds-check on real index errors', () => {
  const crashes: Record<string, JavaCrash> = {};
  beforeAll(async () => {
    const runs = { Tiers: TIERS, Csv: CSV, Cursor: SIDE_EFFECT };
    await Promise.all(
      Object.entries(runs).map(async ([name, source]) => (crashes[name] = await crashJava(name, source))),
    );
  });
  afterAll(cleanUpSnippets);

  it('array index from a parameter: a guard throwing IllegalArgumentException, or 0 outside the array', async () => {
    const crash = crashes['Tiers']!;
    expect(crash.analysis.ruleId).toBe('java.index-out-of-range.array-index');
    const proposals = boundsCheckFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      [
        '+    if (tier < 0 || tier >= rates.length) {',
        '+      throw new IllegalArgumentException("rate: index tier is outside rates");',
        '+    }',
      ],
      ['-    return rates[tier];', '+    return (tier >= 0 && tier < rates.length ? rates[tier] : 0);'],
    ]);
    const runs = await Promise.all(proposals.map((p) => rerunPatched('Tiers', p, crash)));
    expect(runs.map((run) => run.stdout.trim())).toEqual(['rejected: rate: index tier is outside rates', '5']);
  });

  it('List.get with a literal index in a void method: return early, throw, or "" for a List<String>', async () => {
    const crash = crashes['Csv']!;
    expect(crash.analysis.ruleId).toBe('java.index-out-of-range.list-index');
    const proposals = boundsCheckFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      ['+    if (2 >= parts.size()) {', '+      return;', '+    }'],
      [
        '+    if (2 >= parts.size()) {',
        '+      throw new IllegalStateException("printCurrency: index 2 is outside parts");',
        '+    }',
      ],
      ['-    String currency = parts.get(2);', '+    String currency = (2 < parts.size() ? parts.get(2) : "");'],
    ]);
    const [early, , fallback] = await Promise.all(
      proposals.map((p, i) => (i === 1 ? Promise.resolve(null) : rerunPatched('Csv', p, crash))),
    );
    expect(early?.stdout.trim()).toBe('currency=EUR');
    expect(fallback?.stdout.trim()).toBe('currency=EUR\ncurrency=');
  });

  it('refuses an index with a side effect (evaluating it twice would change the program)', () => {
    const crash = crashes['Cursor']!;
    expect(crash.errorType).toBe('java.lang.ArrayIndexOutOfBoundsException');
    expect(boundsCheckFixer.propose(crash.ctx)).toEqual([]);
  });

  it('refuses a line with no indexed read and an array access for an IndexOutOfBoundsException', () => {
    const crash = crashes['Tiers']!;
    expect(boundsCheckFixer.propose({ ...crash.ctx, target: { ...crash.ctx.target, line: 2 } })).toEqual([]);
    expect(boundsCheckFixer.propose({ ...crash.ctx, errorType: 'java.lang.IndexOutOfBoundsException' })).toEqual([]);
  });
});
