import { afterAll, describe, expect, it } from 'vitest';
import { optionalChainingFixer } from './optionalChaining.ts';
import { changedLines, crash, rerunPatched } from './testing/crashFlow.ts';
import { SnippetDir } from './testing/snippetRunner.ts';

// The rule's pattern for V8's current message (Node 20): the property is a named group, as in the rule file.
const READING = /^Cannot read properties of (?:undefined|null) \(reading '(?<property>[^']*)'\)$/;

const dir = new SnippetDir();
afterAll(() => dir.remove());

describe('optional-chaining', () => {
  it('chains through a missing object when the function may return undefined', () => {
    const source = `interface Address { city: string }
interface User { name: string; address: Address }

export function cityOf(user: User): string | undefined {
  return user.address.city;
}

const users = JSON.parse('[{"name":"ada","address":{"city":"Paris"}},{"name":"bob"}]') as User[];
for (const user of users) console.log(user.name, cityOf(user) ?? 'no city');
`;
    const crashed = crash(dir, 'city.ts', source, { category: 'null-reference', pattern: READING });
    expect(crashed.ctx.target).toMatchObject({ line: 5, column: 23 });
    const proposals = optionalChainingFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(1);
    expect(changedLines(proposals[0]!)).toEqual(['-  return user.address.city;', '+  return user.address?.city;']);
    const run = rerunPatched(dir, 'city.ts', proposals[0]!, crashed);
    expect(run.stdout).toBe('ada Paris\nbob no city\n');
  });

  it('falls back to 0 where the value feeds arithmetic (an unknown discount code)', () => {
    const source = `const DISCOUNTS: Record<string, { percent: number }> = { SPRING10: { percent: 10 } };

export function applyDiscount(price: number, code: string): number {
  const percent = DISCOUNTS[code.trim().toUpperCase()].percent;
  return price * (1 - percent / 100);
}

console.log(applyDiscount(100, 'spring10'));
console.log(applyDiscount(100, 'SUMMER25'));
`;
    const crashed = crash(dir, 'discounts.ts', source, { category: 'null-reference', pattern: READING });
    const proposals = optionalChainingFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(1);
    expect(changedLines(proposals[0]!)).toEqual([
      '-  const percent = DISCOUNTS[code.trim().toUpperCase()].percent;',
      '+  const percent = DISCOUNTS[code.trim().toUpperCase()]?.percent ?? 0;',
    ]);
    expect(rerunPatched(dir, 'discounts.ts', proposals[0]!, crashed).stdout).toBe('90\n100\n');
  });

  it('uses the empty value of a typed property it is stored in (the median of an empty day)', () => {
    const source = `interface DailyReport { orders: number; medianTotal: number }
interface Order { total: number }

export function buildDailyReport(orders: Order[]): DailyReport {
  const byTotal = [...orders].sort((a, b) => a.total - b.total);
  return {
    orders: orders.length,
    medianTotal: byTotal[Math.floor(byTotal.length / 2)].total,
  };
}

console.log(JSON.stringify(buildDailyReport([{ total: 5 }, { total: 1 }, { total: 3 }])));
console.log(JSON.stringify(buildDailyReport([])));
`;
    const crashed = crash(dir, 'report.ts', source, { category: 'null-reference', pattern: READING });
    const proposals = optionalChainingFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      [
        '-    medianTotal: byTotal[Math.floor(byTotal.length / 2)].total,',
        '+    medianTotal: byTotal[Math.floor(byTotal.length / 2)]?.total ?? 0,',
      ],
    ]);
    expect(rerunPatched(dir, 'report.ts', proposals[0]!, crashed).stdout).toBe(
      '{"orders":3,"medianTotal":3}\n{"orders":0,"medianTotal":0}\n',
    );
  });

  it("uses '' inside a template literal of plain JavaScript", () => {
    const source = `function greeting(order) {
  return \`Thanks \${order.customer.name}, order \${order.id} is on its way\`;
}
console.log(greeting({ id: 7 }));
`;
    const crashed = crash(dir, 'greeting.mjs', source, { category: 'null-reference', pattern: READING });
    const proposals = optionalChainingFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(1);
    const line = source.split('\n')[1]!;
    expect(changedLines(proposals[0]!)).toEqual([
      `-${line}`,
      `+${line.replace('order.customer.name', "order.customer?.name ?? ''")}`,
    ]);
    expect(rerunPatched(dir, 'greeting.mjs', proposals[0]!, crashed).stdout).toBe('Thanks , order 7 is on its way\n');
  });

  it('refuses when the value is an argument that needs a number', () => {
    const source = `interface Order { id: string; payment: { amount: number } }

function formatCents(amount: number): string {
  return (amount / 100).toFixed(2);
}

export function receiptLine(order: Order): string {
  return order.id + ': ' + formatCents(order.payment.amount);
}

console.log(receiptLine(JSON.parse('{"id":"A1"}') as Order));
`;
    const crashed = crash(dir, 'receipt.ts', source, { category: 'null-reference', pattern: READING });
    expect(crashed.ctx.captures).toEqual({ property: 'amount' });
    expect(optionalChainingFixer.propose(crashed.ctx)).toEqual([]);
  });

  it('refuses a write, which optional chaining cannot express', () => {
    const source = `const totals = {};
function record(region, amount) {
  totals[region].sum = amount;
}
record('eu', 5);
`;
    const crashed = crash(dir, 'write.mjs', source, {
      category: 'null-reference',
      pattern: /^Cannot set properties of undefined \(setting '(?<property>[^']*)'\)$/,
    });
    expect(optionalChainingFixer.propose(crashed.ctx)).toEqual([]);
  });
});
