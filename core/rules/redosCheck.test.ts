import { describe, expect, it } from 'vitest';
import { checkRedos, probeBacktracking } from './redosCheck.ts';

describe('checkRedos', () => {
  it('reports a nested quantifier as vulnerable (recheck)', () => {
    expect(checkRedos('^(a+)+$')).toMatchObject({ status: 'vulnerable', by: 'recheck', complexity: 'exponential' });
  });

  it('reports a polynomial pattern as vulnerable (recheck)', () => {
    expect(checkRedos('^(?<a>.+) is not (?<b>.+) is not (?<c>.+)x$')).toMatchObject({ status: 'vulnerable', by: 'recheck' });
  });

  it('accepts a linear message pattern (recheck)', () => {
    const verdict = checkRedos("^Cannot read properties of (?<value>undefined|null) \\(reading '(?<property>.*)'\\)$");
    expect(verdict).toEqual({ status: 'safe', by: 'recheck', complexity: 'linear' });
  });

  it('falls back to the timed probe when recheck cannot decide in time', () => {
    // A 0 ms budget makes recheck answer "unknown (timeout)", as it would on a pattern too hard for it.
    const vulnerable = checkRedos('^(a+)+$', { recheckTimeoutMs: 0 });
    expect(vulnerable).toMatchObject({ status: 'vulnerable', by: 'probe', recheck: expect.stringContaining('timeout') });
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
