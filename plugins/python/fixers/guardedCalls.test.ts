import { describe, expect, it } from 'vitest';
import { guardedConversionFixer } from './guardedConversion.ts';
import { guardedJsonLoadsFixer } from './guardedJsonLoads.ts';
import { patched, realCrash, runPython } from './testing/pythonCrash.ts';

const QUANTITIES = `
def quantities(rows):
    out = []
    for row in rows:
        quantity = int(row["qty"])
        out.append(quantity)
    return out


print(quantities([{"qty": "2"}, {"qty": "two"}, {"qty": "5"}]))
`;

const BODIES = `
import json


def parse(body):
    payload = json.loads(body)
    return payload["sku"]


print(parse('{"sku": "A"}'))
print(parse("not json"))
`;

describe('guarded-conversion', () => {
  it('wraps the int() conversion in try/except ValueError, skipping the bad row, and the error is gone', () => {
    const crash = realCrash(QUANTITIES);
    expect(crash.analysis.captures['function']).toBe('int');
    const proposals = guardedConversionFixer.propose(crash.ctx);
    expect(proposals.map((p) => p.description)).toHaveLength(2); // continue, return None
    const after = patched(proposals[0]);
    expect(after).toContain(
      '        try:\n            quantity = int(row["qty"])\n        except ValueError:\n            continue\n',
    );
    expect(runPython(after)).toMatchObject({ status: 0, stdout: '[2, 5]\n' });
  });

  it('refuses when the capture names another conversion than the code performs (crafted capture)', () => {
    const crash = realCrash(QUANTITIES, { captures: { function: 'float' } });
    expect(guardedConversionFixer.propose(crash.ctx)).toEqual([]);
  });
});

describe('guarded-json-loads', () => {
  it('wraps json.loads in try/except json.JSONDecodeError, and the error is gone', () => {
    const crash = realCrash(BODIES);
    expect(crash.errorType).toBe('json.decoder.JSONDecodeError');
    const after = patched(guardedJsonLoadsFixer.propose(crash.ctx)[0]);
    expect(after).toContain(
      '    try:\n        payload = json.loads(body)\n    except json.JSONDecodeError:\n        return None\n',
    );
    expect(runPython(after)).toMatchObject({ status: 0, stdout: 'A\nNone\n' });
  });

  it('refuses when the statement is compound (an if condition): wrapping it would swallow its whole body', () => {
    const source = BODIES.replace(
      '    payload = json.loads(body)\n    return payload["sku"]',
      '    if json.loads(body):\n        return 1',
    );
    expect(guardedJsonLoadsFixer.propose(realCrash(source).ctx)).toEqual([]);
  });
});
