import { describe, expect, it } from 'vitest';
import { patternLiterals } from './patternLiterals.ts';

describe('patternLiterals', () => {
  it.each([
    ["^Cannot read properties of (?<value>undefined|null) \\(reading '(?<property>.*)'\\)$", 43],
    ['^(?<receiver>.+)\\.(?<method>map|filter|forEach) is not a function$', 1 + 3 + 18],
    ['a?b*c+d{3}e{0,2}', 1 + 3],
    ['[abc]\\d\\w\\s\\b\\.', 1],
    ['(?=abc)x(?<!def)', 1],
    ['\\n\\u0041\\u{1F600}\\x41\\cJ', 5],
    ['^\\p{Lu}+(?<a>x)\\k<a>\\1$', 1],
    ['(?:ab)+(?:cd)?', 2],
    ['😀.', 1],
  ])('%s has %i guaranteed literal characters', (pattern, count) => {
    expect(new RegExp(pattern, 'u')).toBeInstanceOf(RegExp);
    expect(patternLiterals(pattern).count).toBe(count);
  });

  it('lists literal characters and runs, including optional ones, for adversarial inputs', () => {
    const literals = patternLiterals('^(?<callee>.+) is not (?:a )?function$');
    expect(literals.runs).toEqual([' is not ', 'a ', 'function']);
    expect(literals.characters).toEqual(expect.arrayContaining([' ', 'i', 's', 'n', 'o', 't', 'a', 'f']));
  });
});
