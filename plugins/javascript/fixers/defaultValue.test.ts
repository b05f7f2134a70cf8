import { afterAll, describe, expect, it } from 'vitest';
import { defaultValueFixer } from './defaultValue.ts';
import { changedLines, crash, rerunPatched } from './testing/crashFlow.ts';
import { SnippetDir } from './testing/snippetRunner.ts';

const READING = /^Cannot read properties of (?:undefined|null) \(reading '(?<property>[^']*)'\)$/;

const dir = new SnippetDir();
afterAll(() => dir.remove());

describe('default-value', () => {
  it("falls back to the table's default entry, or to the empty value of the read", () => {
    const source = `const SHIPPING = {
  standard: { days: 5, label: 'Standard' },
  express: { days: 1, label: 'Express' },
  default: { days: 7, label: 'Economy' },
};

export function deliveryDays(method: string): number {
  return SHIPPING[method as keyof typeof SHIPPING].days;
}

console.log(deliveryDays('express'));
console.log(deliveryDays('drone'));
`;
    const crashed = crash(dir, 'shipping.ts', source, { category: 'missing-key', pattern: READING });
    const proposals = defaultValueFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      [
        '-  return SHIPPING[method as keyof typeof SHIPPING].days;',
        '+  return (SHIPPING[method as keyof typeof SHIPPING] ?? SHIPPING.default).days;',
      ],
      [
        '-  return SHIPPING[method as keyof typeof SHIPPING].days;',
        '+  return SHIPPING[method as keyof typeof SHIPPING]?.days ?? 0;',
      ],
    ]);
    expect(rerunPatched(dir, 'shipping.ts', proposals[0]!, crashed).stdout).toBe('1\n7\n');
    expect(rerunPatched(dir, 'shipping.ts', proposals[1]!, crashed).stdout).toBe('1\n0\n');
  });

  it('defaults a Map lookup kept in a constant (JavaScript, default from the arithmetic)', () => {
    const source = `const stock = new Map([['apple', { count: 3 }]]);
function available(name) {
  const item = stock.get(name);
  return item.count + 0;
}
console.log(available('apple'), available('pear'));
`;
    const crashed = crash(dir, 'stock.mjs', source, { category: 'missing-key', pattern: READING });
    const proposals = defaultValueFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      ['-  return item.count + 0;', '+  return (item?.count ?? 0) + 0;'],
    ]);
    expect(rerunPatched(dir, 'stock.mjs', proposals[0]!, crashed).stdout).toBe('3 0\n');
  });

  it('destructures an object of empty values of the right types when the value is missing (TypeScript)', () => {
    const source = `interface Limits { perMinute: number; label: string; burst?: number }
interface Settings { limits: Limits }

export function describeLimits(settings: Settings): string {
  const { perMinute, label, burst = 1 } = settings.limits;
  return label + ':' + perMinute + '/' + burst;
}

console.log(describeLimits({ limits: { perMinute: 60, label: 'api' } }));
console.log(describeLimits(JSON.parse('{}') as Settings));
`;
    const crashed = crash(dir, 'limits.ts', source, {
      category: 'null-reference',
      pattern:
        /^Cannot destructure property '(?<property>[^']*)' of '(?<source>.*)' as it is (?<value>undefined|null)\.$/,
    });
    const proposals = defaultValueFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      [
        '-  const { perMinute, label, burst = 1 } = settings.limits;',
        "+  const { perMinute, label, burst = 1 } = settings.limits ?? { perMinute: 0, label: '', burst: undefined };",
      ],
    ]);
    expect(rerunPatched(dir, 'limits.ts', proposals[0]!, crashed).stdout).toBe('api:60/1\n:0/1\n');
  });

  it('gives Object.keys an empty object and a loop an empty list (JavaScript)', () => {
    const source = `function fieldCount(record) {
  return Object.keys(record.fields).length;
}
console.log(fieldCount({ fields: { a: 1 } }));
console.log(fieldCount({}));
`;
    const crashed = crash(dir, 'fields.mjs', source, {
      category: 'null-reference',
      pattern: /^Cannot convert undefined or null to object$/,
    });
    const proposals = defaultValueFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      ['-  return Object.keys(record.fields).length;', '+  return Object.keys(record.fields ?? {}).length;'],
    ]);
    expect(rerunPatched(dir, 'fields.mjs', proposals[0]!, crashed).stdout).toBe('1\n0\n');

    const loop = `function sum(order) {
  let total = 0;
  for (const line of order.lines || order.items) total += line;
  return total;
}
console.log(sum({}));
`;
    const looped = crash(dir, 'loop.mjs', loop, {
      category: 'null-reference',
      pattern:
        /^(?:object )?(?<value>undefined|null) is not iterable(?: \(cannot read property Symbol\(Symbol\.iterator\)\))?$/,
    });
    const loopProposals = defaultValueFixer.propose(looped.ctx);
    expect(changedLines(loopProposals[0]!)).toEqual([
      '-  for (const line of order.lines || order.items) total += line;',
      '+  for (const line of (order.lines || order.items) ?? []) total += line;',
    ]);
    expect(rerunPatched(dir, 'loop.mjs', loopProposals[0]!, looped).stdout).toBe('0\n');
  });

  it('refuses a read that is not a lookup', () => {
    const source = `function city(user) {
  return user.address.city;
}
console.log(city({}));
`;
    const crashed = crash(dir, 'notLookup.mjs', source, { category: 'missing-key', pattern: READING });
    expect(defaultValueFixer.propose(crashed.ctx)).toEqual([]);
  });

  it('refuses when the type of the read has no empty value', () => {
    const source = `type Tier = 'gold' | 'silver';
const TIERS: Record<string, { tier: Tier }> = { c1: { tier: 'gold' } };
export function tierOf(id: string): Tier {
  return TIERS[id].tier;
}
console.log(tierOf('c2'));
`;
    const crashed = crash(dir, 'tiers.ts', source, { category: 'missing-key', pattern: READING });
    expect(defaultValueFixer.propose(crashed.ctx)).toEqual([]);
  });
});
