import { afterAll, describe, expect, it } from 'vitest';
import { guardedJsonParseFixer } from './guardedJsonParse.ts';
import { changedLines, crash, patchedText, rerunPatched } from './testing/crashFlow.ts';
import { errorHeaderOf, SnippetDir } from './testing/snippetRunner.ts';
import { typeErrorsOf } from './testing/typeCheck.ts';

const dir = new SnippetDir();
afterAll(() => dir.remove());

describe('guarded-json-parse', () => {
  it('splits a parsed declaration into let + try/catch that rethrows a clear error with the cause', () => {
    const source = `interface OrderRequest { sku: string; quantity: number }

export function createOrder(body: string): OrderRequest {
  const order = JSON.parse(body) as OrderRequest;
  return order;
}

for (const body of ['{"sku":"A1","quantity":2}', 'not json']) console.log(createOrder(body).sku);
`;
    const crashed = crash(dir, 'orders.ts', source, { category: 'parse-error' });
    expect(crashed.errorType).toBe('SyntaxError');
    const proposals = guardedJsonParseFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(1);
    expect(changedLines(proposals[0]!)).toEqual([
      '-  const order = JSON.parse(body) as OrderRequest;',
      '+  let order;',
      '+  try {',
      '+    order = JSON.parse(body) as OrderRequest;',
      '+  } catch (err) {',
      "+    throw new Error('createOrder: body is not valid JSON', { cause: err });",
      '+  }',
    ]);
    const patched = patchedText(proposals[0]!);
    expect(typeErrorsOf(dir.pathOf('orders.ts'), patched)).toEqual([]);
    const run = dir.run('orders.ts', patched);
    expect(run.stdout).toBe('A1\n');
    expect(errorHeaderOf(run.stderr)).toEqual({ errorType: 'Error', message: 'createOrder: body is not valid JSON' });
    expect(run.stderr).toContain(`[cause]: SyntaxError: ${crashed.message}`);
  });

  it('returns null when the declared return type allows it', () => {
    const source = `interface Settings { theme: string }

export function readSettings(raw: string): Settings | null {
  return JSON.parse(raw);
}

console.log(readSettings('{"theme":"dark"}')?.theme ?? 'default theme');
console.log(readSettings('{theme: dark}')?.theme ?? 'default theme');
`;
    const crashed = crash(dir, 'settings.ts', source, { category: 'parse-error' });
    const proposals = guardedJsonParseFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(2);
    expect(changedLines(proposals[1]!)).toEqual([
      '-  return JSON.parse(raw);',
      '+  try {',
      '+    return JSON.parse(raw);',
      '+  } catch {',
      '+    return null;',
      '+  }',
    ]);
    expect(rerunPatched(dir, 'settings.ts', proposals[1]!, crashed).stdout).toBe('dark\ndefault theme\n');
  });

  it('parses first into a fresh variable when the parse is inside a larger expression (JavaScript)', () => {
    const source = `function normalize(event) {
  return { ...event, at: new Date(event.at) };
}
function readEvent(line) {
  console.log('reading');
  return normalize(JSON.parse(line.trim()));
}
readEvent('{"at":0}');
readEvent('{"at": nope}');
`;
    const crashed = crash(dir, 'events.mjs', source, { category: 'parse-error' });
    const proposals = guardedJsonParseFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(1);
    expect(changedLines(proposals[0]!)).toEqual([
      '-  return normalize(JSON.parse(line.trim()));',
      '+  let parsed;',
      '+  try {',
      '+    parsed = JSON.parse(line.trim());',
      '+  } catch (err) {',
      '+    if (!(err instanceof SyntaxError)) throw err;',
      "+    throw new Error('readEvent: line.trim() is not valid JSON', { cause: err });",
      '+  }',
      '+  return normalize(parsed);',
    ]);
    const run = dir.run('events.mjs', patchedText(proposals[0]!));
    expect(errorHeaderOf(run.stderr)).toEqual({
      errorType: 'Error',
      message: 'readEvent: line.trim() is not valid JSON',
    });
  });

  it('spells out the type of a split declaration when a function declared earlier reads it', () => {
    const source = `export function summarize(body: string): string {
  function label(): string {
    return data.name + ' (' + data.items.length + ' items)';
  }
  const data = JSON.parse(body);
  return label();
}

console.log(summarize('{"name":"cart","items":[1,2]}'));
console.log(summarize('{name}'));
`;
    const crashed = crash(dir, 'summary.ts', source, { category: 'parse-error' });
    const proposals = guardedJsonParseFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(1);
    // \`let data;\` would make \`data\` implicitly any inside label() (TS7034): the type is spelled out instead.
    expect(changedLines(proposals[0]!).slice(0, 2)).toEqual(['-  const data = JSON.parse(body);', '+  let data: any;']);
    const patched = patchedText(proposals[0]!);
    expect(typeErrorsOf(dir.pathOf('summary.ts'), patched)).toEqual([]);
    const run = dir.run('summary.ts', patched);
    expect(run.stdout).toBe('cart (2 items)\n');
    expect(errorHeaderOf(run.stderr)).toEqual({ errorType: 'Error', message: 'summarize: body is not valid JSON' });
  });

  it('refuses a SyntaxError that does not come from JSON.parse on the line', () => {
    const source = `export function matcher(pattern: string): RegExp {
  return new RegExp(pattern);
}
console.log(matcher('(unclosed').source);
`;
    const crashed = crash(dir, 'regex.ts', source, { category: 'parse-error' });
    expect(crashed.errorType).toBe('SyntaxError');
    expect(guardedJsonParseFixer.propose(crashed.ctx)).toEqual([]);
  });

  it('refuses a parse the statement only runs on one branch', () => {
    const source = `function load(raw, cached) {
  return cached ? cached : JSON.parse(raw).value;
}
load('nope', null);
`;
    const crashed = crash(dir, 'branch.mjs', source, { category: 'parse-error' });
    expect(guardedJsonParseFixer.propose(crashed.ctx)).toEqual([]);
  });
});
