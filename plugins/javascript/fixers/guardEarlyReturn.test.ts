import { afterAll, describe, expect, it } from 'vitest';
import { guardEarlyReturnFixer } from './guardEarlyReturn.ts';
import { changedLines, crash, patchedText, rerunPatched } from './testing/crashFlow.ts';
import { errorHeaderOf, SnippetDir } from './testing/snippetRunner.ts';
import { typeErrorsOf } from './testing/typeCheck.ts';

const READING = /^Cannot read properties of (?:undefined|null) \(reading '(?<property>[^']*)'\)$/;

const dir = new SnippetDir();
afterAll(() => dir.remove());

describe('guard-early-return', () => {
  it('stores a looked-up value once and returns the price unchanged or throws a clear error', () => {
    const source = `const DISCOUNTS: Record<string, { percent: number }> = { SPRING10: { percent: 10 } };

export function applyDiscount(price: number, code: string): number {
  const percent = DISCOUNTS[code.trim().toUpperCase()].percent;
  return price * (1 - percent / 100);
}

console.log(applyDiscount(100, 'spring10'));
console.log(applyDiscount(100, 'SUMMER25'));
`;
    const crashed = crash(dir, 'discounts.ts', source, { category: 'missing-key', pattern: READING });
    const proposals = guardEarlyReturnFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      [
        '-  const percent = DISCOUNTS[code.trim().toUpperCase()].percent;',
        '+  const discountsEntry = DISCOUNTS[code.trim().toUpperCase()];',
        '+  if (discountsEntry === undefined || discountsEntry === null) {',
        '+    return price;',
        '+  }',
        '+  const percent = discountsEntry.percent;',
      ],
      [
        '-  const percent = DISCOUNTS[code.trim().toUpperCase()].percent;',
        '+  const discountsEntry = DISCOUNTS[code.trim().toUpperCase()];',
        '+  if (discountsEntry === undefined || discountsEntry === null) {',
        "+    throw new Error('applyDiscount: no DISCOUNTS entry for code.trim().toUpperCase()');",
        '+  }',
        '+  const percent = discountsEntry.percent;',
      ],
    ]);
    expect(rerunPatched(dir, 'discounts.ts', proposals[0]!, crashed).stdout).toBe('90\n100\n');
    const throwing = dir.run('discounts.ts', proposals[1]!.edits[0]!.after);
    expect(throwing.stderr).toContain('Error: applyDiscount: no DISCOUNTS entry for code.trim().toUpperCase()');
    expect(throwing.stderr).not.toContain('TypeError');
  });

  it('returns early from a void function reading a Map lookup (JavaScript)', () => {
    const source = `const customers = new Map([['c1', { tier: 'gold' }]]);
const seen = [];
function remember(id) {
  const customer = customers.get(id);
  seen.push(customer.tier);
}
remember('c1');
remember('c404');
console.log(seen.join(','));
`;
    const crashed = crash(dir, 'customers.mjs', source, { category: 'null-reference', pattern: READING });
    const proposals = guardEarlyReturnFixer.propose(crashed.ctx);
    expect(changedLines(proposals[0]!)).toEqual([
      '+  if (customer === undefined || customer === null) {',
      '+    return;',
      '+  }',
    ]);
    expect(proposals).toHaveLength(2);
    expect(rerunPatched(dir, 'customers.mjs', proposals[0]!, crashed).stdout).toBe('gold\n');
  });

  it('guards a destructured value', () => {
    const source = `interface Settings { limits: { perMinute: number } }
export function perSecond(settings: Settings): number | undefined {
  const { perMinute } = settings.limits;
  return perMinute / 60;
}
console.log(perSecond({ limits: { perMinute: 120 } }));
console.log(perSecond(JSON.parse('{}') as Settings));
`;
    const crashed = crash(dir, 'settings.ts', source, {
      category: 'null-reference',
      pattern: /^Cannot destructure property '(?<property>[^']*)' of '.*' as it is undefined\.$/,
    });
    const proposals = guardEarlyReturnFixer.propose(crashed.ctx);
    expect(changedLines(proposals[0]!)).toEqual([
      '+  if (settings.limits === undefined || settings.limits === null) {',
      '+    return undefined;',
      '+  }',
    ]);
    expect(rerunPatched(dir, 'settings.ts', proposals[0]!, crashed).stdout).toBe('2\nundefined\n');
  });

  it('stores a value computed with pure built-ins once, past other pure calls in the statement', () => {
    const source = `interface Order { total: number }
interface Summary { average: number; median: number }

export function summarize(orders: Order[]): Summary {
  const byTotal = [...orders].sort((a, b) => a.total - b.total);
  const sum = orders.reduce((total, order) => total + order.total, 0);
  return { average: Math.round(sum / orders.length), median: byTotal[Math.floor(byTotal.length / 2)].total };
}

console.log(summarize([]));
`;
    const crashed = crash(dir, 'summary.ts', source, { category: 'null-reference', pattern: READING });
    const proposals = guardEarlyReturnFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(1);
    expect(changedLines(proposals[0]!)).toEqual([
      '-  return { average: Math.round(sum / orders.length), median: byTotal[Math.floor(byTotal.length / 2)].total };',
      '+  const byTotalEntry = byTotal[Math.floor(byTotal.length / 2)];',
      '+  if (byTotalEntry === undefined || byTotalEntry === null) {',
      "+    throw new Error('summarize: no byTotal entry for Math.floor(byTotal.length / 2)');",
      '+  }',
      '+  return { average: Math.round(sum / orders.length), median: byTotalEntry.total };',
    ]);
    const patched = patchedText(proposals[0]!);
    expect(typeErrorsOf(dir.pathOf('summary.ts'), patched)).toEqual([]);
    const run = dir.run('summary.ts', patched);
    expect(errorHeaderOf(run.stderr)).toEqual({
      errorType: 'Error',
      message: 'summarize: no byTotal entry for Math.floor(byTotal.length / 2)',
    });
  });

  it('refuses when the statement might not evaluate the value (a conditional branch)', () => {
    const source = `function label(item, verbose) {
  return verbose ? item.meta.label : 'item';
}
console.log(label({}, true));
`;
    const crashed = crash(dir, 'label.mjs', source, { category: 'null-reference', pattern: READING });
    expect(guardEarlyReturnFixer.propose(crashed.ctx)).toEqual([]);
  });

  it('refuses when something with effects runs before the value in the statement', () => {
    const source = `const log = [];
const registry = {};
function touch(key) {
  log.push(key);
  return key;
}
function describe(key) {
  return touch(key) + registry[touch(key)].name;
}
describe('a');
`;
    const crashed = crash(dir, 'effects.mjs', source, { category: 'null-reference', pattern: READING });
    expect(guardEarlyReturnFixer.propose(crashed.ctx)).toEqual([]);
  });
});
