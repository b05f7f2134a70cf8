import { describe, expect, it } from 'vitest';
import { boundsCheckFixer } from './boundsCheck.ts';
import { patched, realCrash, runPython } from './testing/pythonCrash.ts';

const FIRST_LINE = `
def first_sku(order):
    lines = order["lines"]
    return lines[0]["sku"]


print(first_sku({"lines": [{"sku": "A"}]}))
print(first_sku({"lines": []}))
`;

describe('bounds-check', () => {
  it('checks emptiness before reading [0], and the IndexError is gone', () => {
    const crash = realCrash(FIRST_LINE);
    expect(crash.analysis.ruleId).toBe('py.index-out-of-range.list-index');
    const after = patched(boundsCheckFixer.propose(crash.ctx)[0]);
    expect(after).toContain('    if not lines:\n        return None\n    return lines[0]["sku"]');
    expect(runPython(after)).toMatchObject({ status: 0, stdout: 'A\nNone\n' });
  });

  it('skips the loop iteration for an index variable inside a loop', () => {
    const source = `
def pairs(values, offsets):
    out = []
    for offset in offsets:
        out.append(values[offset])
    return out


print(pairs([1, 2], [0, 5, 1]))
`;
    const proposals = boundsCheckFixer.propose(realCrash(source).ctx);
    const after = patched(proposals[0]);
    expect(after).toContain('        if not -len(values) <= offset < len(values):\n            continue\n');
    expect(runPython(after).stdout).toBe('[1, 2]\n');
  });

  it('refuses when the sequence is a call result', () => {
    const source = 'def last():\n    return list(range(0))[-1]\n\n\nprint(last())\n';
    expect(boundsCheckFixer.propose(realCrash(source).ctx)).toEqual([]);
  });
});
