import { describe, expect, it } from 'vitest';
import { dictGetFixer } from './dictGet.ts';
import { patched, realCrash, runPython } from './testing/pythonCrash.ts';

const LEDGER = `
class Ledger:
    def __init__(self, levels: dict[str, int]) -> None:
        self.levels: dict[str, int] = dict(levels)

    def available(self, sku: str) -> int:
        on_hand = self.levels[sku]
        return on_hand


ledger = Ledger({"SKU-1": 3})
print(ledger.available("SKU-1"))
print(ledger.available("SKU-404"))
`;

const LITERAL = `
RATES = {"EUR": 1.0, "USD": 1.1}


def rate(currency):
    return RATES[currency] * 2


print(rate("EUR"))
print(rate("GBP"))
`;

describe('dict-get', () => {
  it('rewrites the failing lookup with the default its annotation implies, and the KeyError is gone', () => {
    const crash = realCrash(LEDGER);
    expect(crash.errorType).toBe('KeyError');
    expect(crash.analysis.captures).toEqual({ key: 'SKU-404' });
    const after = patched(dictGetFixer.propose(crash.ctx)[0]);
    expect(after).toContain('        on_hand = self.levels.get(sku, 0)\n');
    expect(runPython(after)).toMatchObject({ status: 0, stdout: '3\n0\n', stderr: '' });
  });

  it('derives 0.0 from a dict literal of floats', () => {
    const after = patched(dictGetFixer.propose(realCrash(LITERAL).ctx)[0]);
    expect(after).toContain('return RATES.get(currency, 0.0) * 2');
    expect(runPython(after).stdout).toBe('2.0\n0.0\n');
  });

  it('refuses when nothing in the code says what a missing entry means', () => {
    const source = LEDGER.replace(/: dict\[str, int\]/g, '');
    expect(dictGetFixer.propose(realCrash(source).ctx)).toEqual([]);
  });

  it('uses the key capture only to rule out literal keys; a crafted key is never written', () => {
    const source = `
CONFIG: dict[str, str] = {"host": "db"}


def port():
    return CONFIG["port"] + CONFIG["host"]


print(port())
`;
    const crash = realCrash(source);
    const after = patched(dictGetFixer.propose(crash.ctx)[0]);
    expect(after).toContain(`return CONFIG.get("port", '') + CONFIG["host"]`);
    const crafted = realCrash(source, { captures: { key: `port"); __import__("os").system("id"); ("` } });
    expect(dictGetFixer.propose(crafted.ctx)).toEqual([]);
  });
});
