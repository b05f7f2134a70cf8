import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedLines, cleanUpSnippets, crashJava, type JavaCrash, rerunPatched } from './testing/javaCrash.ts';
import { zeroGuardFixer } from './zeroGuard.ts';

const AVERAGE = `public class Average {
  static long average(long total, int count) {
    return total / count;
  }

  public static void main(String[] args) {
    try {
      System.out.println(average(100, 4) + average(0, 0));
    } catch (IllegalArgumentException e) {
      System.out.println("rejected: " + e.getMessage());
    }
  }
}
`;

const SPLIT = `public class Split {
  private int items;

  void share(long total) {
    long perItem = total;
    perItem /= items;
    System.out.println("per item " + perItem);
  }

  public static void main(String[] args) {
    new Split().share(90);
  }
}
`;

const CALL = `public class Call {
  static int count() {
    return 0;
  }

  public static void main(String[] args) {
    System.out.println(10 / count());
  }
}
`;

describe('zero-guard on real "/ by zero" ArithmeticExceptions', () => {
  const crashes: Record<string, JavaCrash> = {};
  beforeAll(async () => {
    const runs = { Average: AVERAGE, Split: SPLIT, Call: CALL };
    await Promise.all(
      Object.entries(runs).map(async ([name, source]) => (crashes[name] = await crashJava(name, source))),
    );
  });
  afterAll(cleanUpSnippets);

  it('a division by a parameter: (count == 0 ? 0 : total / count), or a guard throwing IllegalArgumentException', async () => {
    const crash = crashes['Average']!;
    expect(crash.analysis.ruleId).toBe('java.division-by-zero.integer');
    const proposals = zeroGuardFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      ['-    return total / count;', '+    return (count == 0 ? 0 : total / count);'],
      ['+    if (count == 0) {', '+      throw new IllegalArgumentException("average: count is zero");', '+    }'],
    ]);
    const runs = await Promise.all(proposals.map((p) => rerunPatched('Average', p, crash)));
    expect(runs.map((run) => run.stdout.trim())).toEqual(['25', 'rejected: average: count is zero']);
  });

  it('a compound /= by a field in a void method: return early or IllegalStateException', async () => {
    const crash = crashes['Split']!;
    const proposals = zeroGuardFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      ['+    if (items == 0) {', '+      return;', '+    }'],
      ['+    if (items == 0) {', '+      throw new IllegalStateException("share: items is zero");', '+    }'],
    ]);
    expect((await rerunPatched('Split', proposals[0]!, crash)).stdout).toBe('');
  });

  it('refuses a divisor that is a call (it may not return the same value twice) and a line without division', () => {
    const crash = crashes['Call']!;
    expect(crash.message).toBe('/ by zero');
    expect(zeroGuardFixer.propose(crash.ctx)).toEqual([]);
    const average = crashes['Average']!;
    expect(zeroGuardFixer.propose({ ...average.ctx, target: { ...average.ctx.target, line: 2 } })).toEqual([]);
  });
});
