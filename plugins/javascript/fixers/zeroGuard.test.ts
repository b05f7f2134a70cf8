import { afterAll, describe, expect, it } from 'vitest';
import { changedLines, crash, rerunPatched } from './testing/crashFlow.ts';
import { SnippetDir } from './testing/snippetRunner.ts';
import { zeroGuardFixer } from './zeroGuard.ts';

const dir = new SnippetDir();
afterAll(() => dir.remove());

describe('zero-guard', () => {
  it('guards a BigInt divisor (RangeError: Division by zero)', () => {
    const source = `export function perShare(total: bigint, shares: bigint): bigint {
  return total / shares;
}
console.log(String(perShare(100n, 4n)));
console.log(String(perShare(100n, 0n)));
`;
    const crashed = crash(dir, 'shares.ts', source, { category: 'division-by-zero' });
    expect(crashed).toMatchObject({ errorType: 'RangeError', message: 'Division by zero' });
    const proposals = zeroGuardFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      ['-  return total / shares;', '+  return shares === 0n ? 0n : total / shares;'],
      ['+  if (shares === 0n) {', "+    throw new RangeError('perShare: shares is zero');", '+  }'],
    ]);
    expect(rerunPatched(dir, 'shares.ts', proposals[0]!, crashed).stdout).toBe('25\n0\n');
  });

  it('guards the division behind an explicit NaN/Infinity check', () => {
    const source = `export function average(values: number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  if (!Number.isFinite(mean)) {
    throw new RangeError('average is not a finite number');
  }
  return mean;
}
console.log(average([2, 4]));
console.log(average([]));
`;
    const crashed = crash(dir, 'average.ts', source, { category: 'division-by-zero' });
    expect(crashed.ctx.target.line).toBe(4);
    const proposals = zeroGuardFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      [
        '-  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;',
        '+  const mean = values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;',
      ],
    ]);
    expect(rerunPatched(dir, 'average.ts', proposals[0]!, crashed).stdout).toBe('3\n0\n');
  });

  it('wraps a division inside a larger expression in parentheses (JavaScript, BigInt from the error)', () => {
    const source = `function split(amount, parts) {
  const share = amount / parts + 1n;
  return share;
}
console.log(String(split(10n, 0n)));
`;
    const crashed = crash(dir, 'split.mjs', source, { category: 'division-by-zero' });
    const proposals = zeroGuardFixer.propose(crashed.ctx);
    expect(changedLines(proposals[0]!)).toEqual([
      '-  const share = amount / parts + 1n;',
      '+  const share = (parts === 0n ? 0n : amount / parts) + 1n;',
    ]);
    expect(rerunPatched(dir, 'split.mjs', proposals[0]!, crashed).stdout).toBe('1\n');
  });

  it('refuses a divisor with effects (a call evaluated twice would change behaviour)', () => {
    const source = `const queue = [];
function size(list) {
  return BigInt(list.length);
}
function perItem(total) {
  return total / size(queue);
}
perItem(10n);
`;
    const crashed = crash(dir, 'queue.mjs', source, { category: 'division-by-zero' });
    expect(zeroGuardFixer.propose(crashed.ctx)).toEqual([]);
  });

  it('refuses a RangeError with no division involved', () => {
    const source = `function slots(count) {
  return new Array(count).fill(0);
}
slots(-1);
`;
    const crashed = crash(dir, 'slots.mjs', source, { category: 'division-by-zero' });
    expect(crashed.errorType).toBe('RangeError');
    expect(zeroGuardFixer.propose(crashed.ctx)).toEqual([]);
  });
});
