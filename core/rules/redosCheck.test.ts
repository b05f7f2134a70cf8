import { describe, expect, it } from 'vitest';
import { checkRedos, probeBacktracking, replayAttack, splitAnchoredPrefix } from './redosCheck.ts';

describe('checkRedos', () => {
  it('reports a nested quantifier as vulnerable (recheck)', () => {
    expect(checkRedos('^(a+)+$')).toMatchObject({ status: 'vulnerable', by: 'recheck', complexity: 'exponential' });
  });

  it('reports a polynomial pattern as vulnerable (recheck)', () => {
    expect(checkRedos('^(?<a>.+) is not (?<b>.+) is not (?<c>.+)x$')).toMatchObject({
      status: 'vulnerable',
      by: 'recheck',
    });
  });

  it('accepts a linear message pattern (recheck)', () => {
    const verdict = checkRedos("^Cannot read properties of (?<value>undefined|null) \\(reading '(?<property>.*)'\\)$");
    expect(verdict).toEqual({ status: 'safe', by: 'recheck', complexity: 'linear' });
  });

  it('falls back to the timed probe when recheck cannot decide in time', () => {
    // A 0 ms budget makes recheck answer "unknown (timeout)", as it would on a pattern too hard for it.
    const vulnerable = checkRedos('^(a+)+$', { recheckTimeoutMs: 0 });
    expect(vulnerable).toMatchObject({
      status: 'vulnerable',
      by: 'probe',
      recheck: expect.stringContaining('timeout'),
    });
    const safe = checkRedos('^(?<callee>.+) is not a function$', { recheckTimeoutMs: 0 });
    expect(safe).toMatchObject({ status: 'safe', by: 'probe' });
  });
});

describe('probeBacktracking', () => {
  it('finds the blow-up of a polynomial pattern from its own literal text', () => {
    const pattern = '^(?:.+ is not )+.+$';
    expect(probeBacktracking(new RegExp(pattern, 'u'), pattern, { probeBudgetMs: 10 }).slow).toBe(true);
  });

  it('passes a linear pattern quickly', () => {
    const pattern = '^Unexpected token \'(?<token>.)\', "(?<input>.*)" is not valid JSON$';
    const result = probeBacktracking(new RegExp(pattern, 'u'), pattern);
    expect(result.slow).toBe(false);
    expect(result.worstMs).toBeLessThan(25);
  });
});

describe('replayAttack', () => {
  it('confirms an attack that really backtracks on V8', () => {
    const attack = { pumps: [{ prefix: 'a', pump: 'a' }], suffix: '\u0000' };
    expect(replayAttack(/^(a+)+$/u, attack).slow).toBe(true);
  });

  it("rejects a fuzzer report V8 does not reproduce (recheck's fuzzer reported this one on a busy machine)", () => {
    const pattern =
      "^Cannot (?:assign to read only property '(?<property>[^']*)' of |add property (?<added>\\S+), object is not extensible|create property '(?<created>[^']*)' on )";
    const attack = { pumps: [{ prefix: 'Cannot add property s', pump: ',' }], suffix: '\t' };
    const replay = replayAttack(new RegExp(pattern, 'u'), attack);
    expect(replay.slow).toBe(false);
    expect(replay.worstMs).toBeLessThan(5);
  });
});

describe('splitAnchoredPrefix', () => {
  it.each([
    [
      "^Cannot read properties of (?<value>undefined|null) \\(reading '(?<p>.*)'\\)$",
      'Cannot read properties of ',
      "(?<value>undefined|null) \\(reading '(?<p>.*)'\\)$",
    ],
    ['^Unexpected token \\(x+\\)+$', 'Unexpected token (', 'x+\\)+$'],
    ['^ab+c', 'a', 'b+c'],
    ['^a{2}b', '', 'a{2}b'],
  ])('%s -> %j + %s', (pattern, prefix, rest) => {
    expect(splitAnchoredPrefix(pattern)).toEqual({ prefix, rest });
  });

  it.each([['a+b'], ['^abc|x+y'], ['^ab(?<=b)c+']])('leaves %s whole', (pattern) => {
    expect(splitAnchoredPrefix(pattern)).toBeNull();
  });

  it('still finds a vulnerability after a literal prefix, and reports the prefix with the attack', () => {
    expect(checkRedos('^Cannot read properties of (a+)+$')).toMatchObject({
      status: 'vulnerable',
      by: 'recheck',
      attack: expect.stringMatching(/^"Cannot read properties of " \+ /),
    });
  });
});
