import { describe, expect, it } from 'vitest';
import { patched, realCrash, runPython } from './testing/pythonCrash.ts';
import { zeroDivisionGuardFixer } from './zeroDivisionGuard.ts';

describe('zero-division-guard', () => {
  it('returns zero instead of dividing by an empty count, and the ZeroDivisionError is gone', () => {
    const source = `
def average(totals):
    mean = sum(totals) / len(totals)
    return round(mean, 2)


print(average([2, 4]))
print(average([]))
`;
    const crash = realCrash(source);
    expect(crash.analysis.category).toBe('division-by-zero');
    const after = patched(zeroDivisionGuardFixer.propose(crash.ctx)[0]);
    expect(after).toContain('    mean = sum(totals) / len(totals) if len(totals) else 0.0\n');
    expect(runPython(after)).toMatchObject({ status: 0, stdout: '3.0\n0.0\n' });
  });

  it('parenthesises the guard inside a larger expression and uses 0 for //', () => {
    const source = 'def pages(total, size):\n    return 1 + total // size\n\n\nprint(pages(10, 0))\n';
    const after = patched(zeroDivisionGuardFixer.propose(realCrash(source).ctx)[0]);
    expect(after).toContain('return 1 + (total // size if size else 0)');
    expect(runPython(after).stdout).toBe('1\n');
  });

  it('refuses a divisor that is a call other than len() (it would run twice)', () => {
    const source =
      'import random\n\n\ndef share(total):\n    return total / int(random.random())\n\n\nprint(share(10))\n';
    expect(zeroDivisionGuardFixer.propose(realCrash(source).ctx)).toEqual([]);
  });
});
