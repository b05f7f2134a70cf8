import { describe, expect, it } from 'vitest';
import { noneGuardFixer } from './noneGuard.ts';
import { patched, realCrash, runPython } from './testing/pythonCrash.ts';

const ATTRIBUTE = `
PRICES = {"SKU-1": {"amount": 250}}


class Product:
    def __init__(self, amount):
        self.amount = amount


def find(sku):
    row = PRICES.get(sku)
    return Product(row["amount"]) if row else None


def line_total(sku, quantity):
    product = find(sku)
    return product.amount * quantity


print(line_total("SKU-1", 2))
print(line_total("SKU-404", 1))
print("done")
`;

const ITERATION = `
def tags_of(order):
    names = []
    tags = order.get("tags")
    for tag in tags:
        names.append(tag.upper())
    return names


print(tags_of({"tags": ["a"]}))
print(tags_of({}))
print("done")
`;

describe('none-guard', () => {
  it('guards the receiver of the attribute the AttributeError names, and the program then runs to the end', () => {
    const crash = realCrash(ATTRIBUTE);
    expect(crash.analysis.ruleId).toBe('py.null-reference.attribute-of-none');
    const proposals = noneGuardFixer.propose(crash.ctx);
    expect(proposals).toHaveLength(1);
    const after = patched(proposals[0]);
    expect(after).toContain(
      '    product = find(sku)\n    if product is None:\n        return None\n    return product.amount * quantity',
    );
    const run = runPython(after);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('500\nNone\ndone\n');
  });

  it('guards the iterable of a `for` for "\'NoneType\' object is not iterable"', () => {
    const crash = realCrash(ITERATION);
    expect(crash.analysis.captures).toEqual({ usage: 'iterable' });
    const after = patched(noneGuardFixer.propose(crash.ctx)[0]);
    expect(after).toContain('    if tags is None:\n        return None\n    for tag in tags:');
    expect(runPython(after).stdout).toBe("['A']\nNone\ndone\n");
  });

  it('refuses when the None value is a call result (it would be evaluated twice)', () => {
    const source = ATTRIBUTE.replace(
      '    product = find(sku)\n    return product.amount',
      '    return find(sku).amount',
    );
    const crash = realCrash(source);
    expect(crash.analysis.ruleId).toBe('py.null-reference.attribute-of-none');
    expect(noneGuardFixer.propose(crash.ctx)).toEqual([]);
  });

  it('uses a crafted capture only to pick nodes: a capture naming no attribute on the line proposes nothing', () => {
    const crash = realCrash(ATTRIBUTE, { captures: { attribute: 'amount * quantity\nimport os; os.system("id")' } });
    expect(noneGuardFixer.propose(crash.ctx)).toEqual([]);
    const real = realCrash(ATTRIBUTE);
    for (const proposal of noneGuardFixer.propose(real.ctx)) expect(patched(proposal)).not.toContain('os.system');
  });
});
