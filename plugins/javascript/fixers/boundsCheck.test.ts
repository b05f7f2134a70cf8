import { afterAll, describe, expect, it } from 'vitest';
import { boundsCheckFixer } from './boundsCheck.ts';
import { changedLines, crash, rerunPatched } from './testing/crashFlow.ts';
import { SnippetDir } from './testing/snippetRunner.ts';

const READING = /^Cannot read properties of (?:undefined|null) \(reading '(?<property>[^']*)'\)$/;

const dir = new SnippetDir();
afterAll(() => dir.remove());

describe('bounds-check', () => {
  it('fixes a loop that walks one past the end, or guards the index (JavaScript)', () => {
    const source = `function total(items) {
  let sum = 0;
  for (let i = 0; i <= items.length; i++) {
    sum += items[i].price;
  }
  return sum;
}
console.log(total([{ price: 2 }, { price: 3 }]));
`;
    const crashed = crash(dir, 'total.mjs', source, { category: 'index-out-of-range', pattern: READING });
    const proposals = boundsCheckFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      ['-  for (let i = 0; i <= items.length; i++) {', '+  for (let i = 0; i < items.length; i++) {'],
      [
        '+    if (i < 0 || i >= items.length) {',
        "+      throw new RangeError('total: index i is out of range for items');",
        '+    }',
      ],
    ]);
    expect(rerunPatched(dir, 'total.mjs', proposals[0]!, crashed).stdout).toBe('5\n');
  });

  it('guards the last element of an empty list and returns what the return type allows', () => {
    const source = `interface Order { total: number }

export function lastOrderTotal(orders: Order[]): number | undefined {
  return orders[orders.length - 1].total;
}

console.log(lastOrderTotal([{ total: 12 }]));
console.log(lastOrderTotal([]));
`;
    const crashed = crash(dir, 'last.ts', source, { category: 'index-out-of-range', pattern: READING });
    const proposals = boundsCheckFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      ['+  if (orders.length < 1) {', '+    return undefined;', '+  }'],
      [
        '+  if (orders.length < 1) {',
        "+    throw new RangeError('lastOrderTotal: index orders.length - 1 is out of range for orders');",
        '+  }',
      ],
    ]);
    expect(rerunPatched(dir, 'last.ts', proposals[0]!, crashed).stdout).toBe('12\nundefined\n');
  });

  it('refuses an index with effects', () => {
    const source = `let cursor = 0;
function next() {
  cursor += 5;
  return cursor;
}
function pick(rows) {
  return rows[next()].id;
}
pick([{ id: 1 }]);
`;
    const crashed = crash(dir, 'cursor.mjs', source, { category: 'index-out-of-range', pattern: READING });
    expect(boundsCheckFixer.propose(crashed.ctx)).toEqual([]);
  });

  it('refuses a read that is not through an index', () => {
    const source = `function city(user) {
  return user.address.city;
}
city({});
`;
    const crashed = crash(dir, 'city.mjs', source, { category: 'index-out-of-range', pattern: READING });
    expect(boundsCheckFixer.propose(crashed.ctx)).toEqual([]);
  });
});
