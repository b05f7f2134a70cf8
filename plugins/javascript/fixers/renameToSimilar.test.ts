import { afterAll, describe, expect, it } from 'vitest';
import { maxEditsFor, renameToSimilarFixer } from './renameToSimilar.ts';
import { changedLines, crash, rerunPatched } from './testing/crashFlow.ts';
import { SnippetDir } from './testing/snippetRunner.ts';

const NOT_DEFINED = /^(?<name>[\p{L}\p{N}_$]+) is not defined$/u;

const dir = new SnippetDir();
afterAll(() => dir.remove());

describe('rename-to-similar', () => {
  it('renames every unresolved use in the function to the closest local (JavaScript)', () => {
    const source = `function invoiceTotal(lines) {
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const tax = totl * 0.2;
  return { totl, tax };
}
console.log(JSON.stringify(invoiceTotal([{ amount: 10 }])));
`;
    const crashed = crash(dir, 'invoice.mjs', source, { category: 'undefined-name', pattern: NOT_DEFINED });
    expect(crashed).toMatchObject({ errorType: 'ReferenceError', message: 'totl is not defined' });
    const proposals = renameToSimilarFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(1);
    expect(changedLines(proposals[0]!)).toEqual([
      '-  const tax = totl * 0.2;',
      '-  return { totl, tax };',
      '+  const tax = total * 0.2;',
      '+  return { totl: total, tax };',
    ]);
    expect(rerunPatched(dir, 'invoice.mjs', proposals[0]!, crashed).stdout).toBe('{"totl":10,"tax":2}\n');
  });

  it('proposes parameters and module-level names, closest first (TypeScript run without type-checking)', () => {
    const source = `const customers = ['ada', 'bob'];

export function greet(customer: string): string {
  return 'Hello ' + custmer + ' of ' + customers.length;
}

console.log(greet('ada'));
`;
    const crashed = crash(dir, 'greet.ts', source, { category: 'undefined-name', pattern: NOT_DEFINED });
    const proposals = renameToSimilarFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p)[1])).toEqual([
      "+  return 'Hello ' + customer + ' of ' + customers.length;",
      "+  return 'Hello ' + customers + ' of ' + customers.length;",
    ]);
    expect(rerunPatched(dir, 'greet.ts', proposals[0]!, crashed).stdout).toBe('Hello ada of 2\n');
  });

  it('does not propose a const declared later in the same function (it would throw before initialization)', () => {
    const source = `function report() {
  const line = 'n=' + count;
  const counts = 3;
  return line + counts;
}
report();
`;
    const crashed = crash(dir, 'tdz.mjs', source, { category: 'undefined-name', pattern: NOT_DEFINED });
    expect(renameToSimilarFixer.propose(crashed.ctx)).toEqual([]);
  });

  it('refuses when no name in scope is close', () => {
    const source = `function users() {
  return fetchUsers();
}
users();
`;
    const crashed = crash(dir, 'users.mjs', source, { category: 'undefined-name', pattern: NOT_DEFINED });
    expect(renameToSimilarFixer.propose(crashed.ctx)).toEqual([]);
  });

  it('allows more edits for longer names', () => {
    expect([maxEditsFor('totl'), maxEditsFor('customer'), maxEditsFor('DEFUALT_CURRENCY')]).toEqual([1, 2, 3]);
  });
});
