import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapGetOrDefaultFixer } from './mapGetOrDefault.ts';
import { nullCheckFixer } from './nullCheck.ts';
import { changedLines, cleanUpSnippets, crashJava, type JavaCrash, rerunPatched } from './testing/javaCrash.ts';

const TAX = `import java.util.HashMap;
import java.util.Map;

public class Tax {
  static final Map<String, Integer> RATES = new HashMap<>(Map.of("DE", 1900, "FR", 2000));

  static long tax(long cents, String region) {
    int basisPoints = RATES.get(region);
    return cents * basisPoints / 10000;
  }

  public static void main(String[] args) {
    try {
      System.out.println(tax(1000, "DE") + " " + tax(1000, "NO"));
    } catch (IllegalArgumentException e) {
      System.out.println("rejected: " + e.getMessage());
    }
  }
}
`;

const TAGS = `import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Tags {
  private final Map<String, List<String>> tagsById = new HashMap<>();

  int count(String id) {
    return this.tagsById.get(id).size();
  }

  public static void main(String[] args) {
    System.out.println(new Tags().count("inv_1"));
  }
}
`;

const NAMES = `import java.util.Map;

public class Names {
  record Customer(String name) {}

  static final Map<String, String> CODES = Map.of("eur", "Euro");
  static final Map<String, Customer> CUSTOMERS = Map.of("c1", new Customer("Ada"));

  public static void main(String[] args) {
    String code = args.length > 0 ? args[0] : "chf";
    System.out.println(CODES.get(code).toUpperCase());
    System.out.println(CUSTOMERS.get(code).name());
  }
}
`;

const APP_TYPE = NAMES.replace('System.out.println(CODES.get(code).toUpperCase());\n', '');

describe('map-get-or-default on real Map.get NullPointerExceptions', () => {
  const crashes: Record<string, JavaCrash> = {};
  beforeAll(async () => {
    const runs = { Tax: TAX, Tags: TAGS, Names: NAMES, AppType: APP_TYPE.replaceAll('Names', 'AppType') };
    await Promise.all(
      Object.entries(runs).map(async ([name, source]) => (crashes[name] = await crashJava(name, source))),
    );
  });
  afterAll(cleanUpSnippets);

  it('unboxing Map<String, Integer>.get: getOrDefault(region, 0); null-check offers a guard on the lookup', async () => {
    const crash = crashes['Tax']!;
    expect(crash.analysis.ruleId).toBe('java.missing-key.unbox-map-get');
    expect(crash.analysis.fixStrategies).toEqual(['map-get-or-default', 'null-check']);
    const [fix, ...rest] = mapGetOrDefaultFixer.propose(crash.ctx);
    expect(rest).toEqual([]);
    expect(changedLines(fix!)).toEqual([
      '-    int basisPoints = RATES.get(region);',
      '+    int basisPoints = RATES.getOrDefault(region, 0);',
    ]);
    const guard = nullCheckFixer.propose(crash.ctx);
    expect(guard.map(changedLines)).toEqual([
      [
        '+    if (RATES.get(region) == null) {',
        '+      throw new IllegalArgumentException("tax: RATES has no entry for " + region);',
        '+    }',
      ],
    ]);
    const [fixed, guarded] = await Promise.all([
      rerunPatched('Tax', fix!, crash),
      rerunPatched('Tax', guard[0]!, crash),
    ]);
    expect(fixed.stdout.trim()).toBe('190 0');
    expect(guarded.stdout.trim()).toBe('rejected: tax: RATES has no entry for NO');
  });

  it('a field Map<String, List<String>> read through this: getOrDefault(id, List.of())', async () => {
    const crash = crashes['Tags']!;
    expect(crash.analysis.ruleId).toBe('java.missing-key.invoke-on-map-get');
    const proposals = mapGetOrDefaultFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      ['-    return this.tagsById.get(id).size();', '+    return this.tagsById.getOrDefault(id, List.of()).size();'],
    ]);
    expect((await rerunPatched('Tags', proposals[0]!, crash)).stdout.trim()).toBe('0');
  });

  it('Map<String, String>: getOrDefault(code, "")', async () => {
    const crash = crashes['Names']!;
    const proposals = mapGetOrDefaultFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      [
        '-    System.out.println(CODES.get(code).toUpperCase());',
        '+    System.out.println(CODES.getOrDefault(code, "").toUpperCase());',
      ],
    ]);
  });

  it('refuses a map of an application type (no neutral value) and a receiver that is not a Map', () => {
    const crash = crashes['AppType']!;
    expect(crash.message).toContain('because the return value of "java.util.Map.get(Object)" is null');
    expect(mapGetOrDefaultFixer.propose(crash.ctx)).toEqual([]);
    const cache = crash.ctx.source.replace(
      'static final Map<String, Customer> CUSTOMERS',
      'static final java.util.List<Customer> ALL = java.util.List.of();\n  static final Map<String, Customer> CUSTOMERS',
    );
    const listGet = { ...crash.ctx, source: cache.replace('CUSTOMERS.get(code)', 'ALL.get(code.length())') };
    expect(
      mapGetOrDefaultFixer.propose({ ...listGet, target: { ...listGet.target, line: listGet.target.line + 1 } }),
    ).toEqual([]);
  });
});
