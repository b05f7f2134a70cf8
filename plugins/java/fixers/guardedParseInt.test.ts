import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedParseIntFixer } from './guardedParseInt.ts';
import { changedLines, cleanUpSnippets, crashJava, type JavaCrash, rerunPatched } from './testing/javaCrash.ts';

const AMOUNTS = `public class Amounts {
  static long cents(String amount) {
    long value = Long.parseLong(amount);
    return value * 100;
  }

  public static void main(String[] args) {
    try {
      System.out.println(cents("12") + cents("12.50"));
    } catch (IllegalArgumentException e) {
      // NumberFormatException is an IllegalArgumentException: only the fix's own exception is handled here.
      if (e instanceof NumberFormatException) throw e;
      System.out.println("rejected: " + e.getMessage() + " / " + e.getCause().getClass().getSimpleName());
    }
  }
}
`;

const HEADER = `public class Header {
  static int pageSize(String header) {
    return Integer.parseInt(header.trim());
  }

  public static void main(String[] args) {
    try {
      System.out.println(pageSize(" 20 ") + pageSize("all"));
    } catch (IllegalStateException e) {
      System.out.println("rejected: " + e.getMessage());
    }
  }
}
`;

const TWO = `public class Two {
  public static void main(String[] args) {
    String width = "12";
    String height = "x";
    System.out.println(Integer.parseInt(width) * Integer.parseInt(height));
  }
}
`;

describe('guarded-parse-int on real NumberFormatExceptions', () => {
  const crashes: Record<string, JavaCrash> = {};
  beforeAll(async () => {
    const runs = { Amounts: AMOUNTS, Header: HEADER, Two: TWO };
    await Promise.all(
      Object.entries(runs).map(async ([name, source]) => (crashes[name] = await crashJava(name, source))),
    );
  });
  afterAll(cleanUpSnippets);

  it('splits a local declaration: try/catch that throws IllegalArgumentException with the cause, or uses 0L', async () => {
    const crash = crashes['Amounts']!;
    expect(crash.message).toBe('For input string: "12.50"');
    expect(crash.analysis.fixStrategies).toEqual(['guarded-parse-int']);
    const proposals = guardedParseIntFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      [
        '-    long value = Long.parseLong(amount);',
        '+    long value;',
        '+    try {',
        '+      value = Long.parseLong(amount);',
        '+    } catch (NumberFormatException e) {',
        '+      throw new IllegalArgumentException("not a number: " + amount, e);',
        '+    }',
      ],
      [
        '-    long value = Long.parseLong(amount);',
        '+    long value;',
        '+    try {',
        '+      value = Long.parseLong(amount);',
        '+    } catch (NumberFormatException e) {',
        '+      value = 0L;',
        '+    }',
      ],
    ]);
    const runs = await Promise.all(proposals.map((p) => rerunPatched('Amounts', p, crash)));
    expect(runs.map((run) => run.stdout.trim())).toEqual([
      'rejected: not a number: 12.50 / NumberFormatException',
      '1200',
    ]);
  });

  it('wraps a return statement: a clear exception (the input is an expression), or returns 0', async () => {
    const crash = crashes['Header']!;
    const proposals = guardedParseIntFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      [
        '-    return Integer.parseInt(header.trim());',
        '+    try {',
        '+      return Integer.parseInt(header.trim());',
        '+    } catch (NumberFormatException e) {',
        '+      throw new IllegalStateException("not a number", e);',
        '+    }',
      ],
      [
        '-    return Integer.parseInt(header.trim());',
        '+    try {',
        '+      return Integer.parseInt(header.trim());',
        '+    } catch (NumberFormatException e) {',
        '+      return 0;',
        '+    }',
      ],
    ]);
    const runs = await Promise.all(proposals.map((p) => rerunPatched('Header', p, crash)));
    expect(runs.map((run) => run.stdout.trim())).toEqual(['rejected: not a number', '20']);
  });

  it('refuses a line with two parses (the frame cannot say which one failed)', () => {
    const crash = crashes['Two']!;
    expect(crash.errorType).toBe('java.lang.NumberFormatException');
    expect(guardedParseIntFixer.propose(crash.ctx)).toEqual([]);
  });

  it('refuses when the frame line has no parse call', () => {
    const crash = crashes['Amounts']!;
    expect(guardedParseIntFixer.propose({ ...crash.ctx, target: { ...crash.ctx.target, line: 4 } })).toEqual([]);
  });
});
