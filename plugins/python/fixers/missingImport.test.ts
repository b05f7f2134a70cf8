import { describe, expect, it } from 'vitest';
import { missingImportFixer } from './missingImport.ts';
import { patched, realCrash, runPython } from './testing/pythonCrash.ts';

const STAMP = `"""Order stamps."""
import json


def stamp(order):
    order["at"] = datetime.now().year > 2000
    return json.dumps(order)


print(stamp({}))
`;

describe('missing-import', () => {
  it('adds `from datetime import datetime` after the imports for `datetime.now()`, and the NameError is gone', () => {
    const crash = realCrash(STAMP);
    expect(crash.analysis.captures).toEqual({ name: 'datetime' });
    const after = patched(missingImportFixer.propose(crash.ctx)[0]);
    expect(after.startsWith('"""Order stamps."""\nimport json\nfrom datetime import datetime\n\n\ndef stamp')).toBe(
      true,
    );
    expect(runPython(after)).toMatchObject({ status: 0, stdout: '{"at": true}\n' });
  });

  it('adds `import math` for a module used by name', () => {
    const source = 'def area(r):\n    return math.pi * r * r\n\n\nprint(round(area(1), 2))\n';
    const after = patched(missingImportFixer.propose(realCrash(source).ctx)[0]);
    expect(after.startsWith('import math\ndef area')).toBe(true);
    expect(runPython(after).stdout).toBe('3.14\n');
  });

  it('refuses a name that is not on the allow-list (a helper only the author can name)', () => {
    const source = 'def total(x):\n    return calculate_tax(x)\n\n\nprint(total(1))\n';
    expect(missingImportFixer.propose(realCrash(source).ctx)).toEqual([]);
  });

  it('never writes a crafted capture: one naming a module that is not on the line proposes nothing', () => {
    const crash = realCrash(STAMP, { captures: { name: 'os; import subprocess' } });
    expect(missingImportFixer.propose(crash.ctx)).toEqual([]);
  });
});
