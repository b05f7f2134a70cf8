import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nullCheckFixer } from './nullCheck.ts';
import { changedLines, cleanUpSnippets, crashJava, type JavaCrash, rerunPatched } from './testing/javaCrash.ts';

const GREETER = `import java.util.Map;

public class Greeter {
  record Customer(String name) {}

  static final Map<String, Customer> CUSTOMERS = Map.of("c1", new Customer("Ada"));

  static String greet(String id) {
    Customer customer = CUSTOMERS.get(id);
    return "Hello " + customer.name();
  }

  public static void main(String[] args) {
    try {
      System.out.println(greet("c1"));
      System.out.println(greet("c9"));
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.out.println("rejected: " + e.getMessage());
    }
  }
}
`;

const LABELS = `public class Labels {
  static void printLabel(String label) {
    System.out.println("[" + label.trim() + "]");
  }

  public static void main(String[] args) {
    printLabel(" a ");
    try {
      printLabel(args.length > 3 ? args[0] : null);
    } catch (IllegalArgumentException e) {
      System.out.println("rejected: " + e.getMessage());
    }
  }
}
`;

const STOCK = `import java.util.HashMap;
import java.util.Map;

public class Stock {
  static final Map<String, Integer> QUANTITIES = new HashMap<>(Map.of("MUG-001", 4));

  static int doubled(String sku) {
    Integer quantity = QUANTITIES.get(sku);
    int total = quantity * 2;
    return total;
  }

  public static void main(String[] args) {
    try {
      System.out.println(doubled("MUG-001") + doubled("TEE-014"));
    } catch (IllegalStateException e) {
      System.out.println("rejected: " + e.getMessage());
    }
  }
}
`;

const RETURNED = `public class Returned {
  static String find(String id) {
    return id.startsWith("c") ? null : id;
  }

  public static void main(String[] args) {
    System.out.println(find("c2").length());
  }
}
`;

const LAMBDA = `import java.util.Arrays;
import java.util.List;

public class InLambda {
  public static void main(String[] args) {
    List<String> codes = Arrays.asList("a", null);
    codes.forEach(code -> System.out.println(code.trim()));
  }
}
`;

describe('null-check on real NullPointerExceptions', () => {
  const crashes: Record<string, JavaCrash> = {};
  beforeAll(async () => {
    const runs = { Greeter: GREETER, Labels: LABELS, Stock: STOCK, Returned: RETURNED, InLambda: LAMBDA };
    await Promise.all(
      Object.entries(runs).map(async ([name, source]) => (crashes[name] = await crashJava(name, source))),
    );
  });
  afterAll(cleanUpSnippets);

  it('guards the local the helpful message names and throws a clear exception (non-void method)', async () => {
    const crash = crashes['Greeter']!;
    expect(crash.message).toBe('Cannot invoke "Greeter$Customer.name()" because "customer" is null');
    expect(crash.ctx.captures['variable']).toBe('customer');
    const proposals = nullCheckFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      ['+    if (customer == null) {', '+      throw new IllegalStateException("greet: customer is null");', '+    }'],
    ]);
    const rerun = await rerunPatched('Greeter', proposals[0]!, crash);
    expect(rerun.stdout).toContain('rejected: greet: customer is null');
  });

  it('for a parameter of a void method: returns early, throws IllegalArgumentException, or uses "" (String)', async () => {
    const crash = crashes['Labels']!;
    expect(crash.ctx.captures['variable']).toBe('label');
    const proposals = nullCheckFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      ['+    if (label == null) {', '+      return;', '+    }'],
      [
        '+    if (label == null) {',
        '+      throw new IllegalArgumentException("printLabel: label is null");',
        '+    }',
      ],
      [
        '-    System.out.println("[" + label.trim() + "]");',
        '+    System.out.println("[" + java.util.Objects.requireNonNullElse(label, "").trim() + "]");',
      ],
    ]);
    const outputs = await Promise.all(proposals.map((p) => rerunPatched('Labels', p, crash)));
    expect(outputs.map((run) => run.stdout.trim().split('\n').at(-1))).toEqual([
      '[a]',
      'rejected: printLabel: label is null',
      '[]',
    ]);
  });

  it('guards an unboxed wrapper local (no call in the source) and offers its default 0', async () => {
    const crash = crashes['Stock']!;
    expect(crash.analysis.ruleId).toBe('java.null-reference.unbox-null-wrapper');
    const proposals = nullCheckFixer.propose(crash.ctx);
    expect(proposals.map(changedLines)).toEqual([
      [
        '+    if (quantity == null) {',
        '+      throw new IllegalStateException("doubled: quantity is null");',
        '+    }',
      ],
      ['-    int total = quantity * 2;', '+    int total = java.util.Objects.requireNonNullElse(quantity, 0) * 2;'],
    ]);
    const outputs = await Promise.all(proposals.map((p) => rerunPatched('Stock', p, crash)));
    expect(outputs.map((run) => run.stdout.trim())).toEqual(['rejected: doubled: quantity is null', '8']);
  });

  it('refuses a null return value (no variable to guard) and a dereference inside a lambda', () => {
    expect(crashes['Returned']!.analysis.ruleId).toBe('java.null-reference.invoke-on-return-value');
    expect(nullCheckFixer.propose(crashes['Returned']!.ctx)).toEqual([]);
    expect(crashes['InLambda']!.ctx.captures['variable']).toBe('code');
    expect(nullCheckFixer.propose(crashes['InLambda']!.ctx)).toEqual([]);
  });

  it('uses the capture only to pick a node: a crafted capture selects nothing and is never written', () => {
    const crash = crashes['Greeter']!;
    for (const variable of ['customer); Runtime.getRuntime().exec("rm -rf /"); //', 'other', '']) {
      expect(nullCheckFixer.propose({ ...crash.ctx, captures: { ...crash.ctx.captures, variable } })).toEqual([]);
    }
    // An anonymous slot (no debug info) still finds the line's single dereferenced variable, written from the source.
    const anonymous = nullCheckFixer.propose({ ...crash.ctx, captures: { variable: '<local1>' } });
    expect(anonymous.map(changedLines)[0]).toContain('+    if (customer == null) {');
  });

  it('refuses a frame line with no such dereference and a file that does not parse', () => {
    const crash = crashes['Greeter']!;
    expect(nullCheckFixer.propose({ ...crash.ctx, target: { ...crash.ctx.target, line: 9 } })).toEqual([]);
    expect(
      nullCheckFixer.propose({ ...crash.ctx, source: crash.ctx.source.replace('return "Hello "', 'return ("Hello "') }),
    ).toEqual([]);
  });
});
