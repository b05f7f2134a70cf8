/**
 * What a pattern spells out literally, for ranking rules and for building adversarial probe inputs.
 *
 * The count is of literal characters that EVERY match must contain: characters under `?`, `*` or `{0,n}` do not
 * count, an alternation counts its poorest branch (so `(map|filter|forEach)` adds 3, not 16), lookarounds,
 * classes, `.` and escapes such as `\d` count nothing. Counting all non-metacharacters instead would let a rule
 * climb the ranking by listing alternatives. Patterns are assumed valid (`new RegExp(pattern, 'u')` succeeded).
 */
export interface PatternLiterals {
  /** Literal characters every match contains. */
  count: number;
  /** Every distinct literal character the pattern spells, optional ones included. */
  characters: string[];
  /** Maximal runs of consecutive literal characters, e.g. `' is not '` in `^(.+) is not (.+)$`. */
  runs: string[];
}

export function patternLiterals(pattern: string): PatternLiterals {
  const scanner = new LiteralScanner(pattern);
  const count = scanner.alternation();
  return { count, characters: [...scanner.characters], runs: [...scanner.runs].filter((run) => run.length > 1) };
}

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B']);
const CONTROL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };

class LiteralScanner {
  readonly characters = new Set<string>();
  readonly runs = new Set<string>();
  private pos = 0;
  private run = '';

  constructor(private readonly source: string) {}

  /** `a|b|c` up to the closing `)` or the end: the poorest branch's count. */
  alternation(): number {
    let poorest = this.sequence();
    while (this.source[this.pos] === '|') {
      this.pos++;
      poorest = Math.min(poorest, this.sequence());
    }
    return poorest;
  }

  private sequence(): number {
    let total = 0;
    this.endRun();
    while (this.pos < this.source.length && this.source[this.pos] !== '|' && this.source[this.pos] !== ')') {
      const atom = this.atom();
      const times = this.quantifier();
      if (times !== 1 || atom.literal === null) this.endRun();
      if (atom.literal !== null) {
        this.characters.add(atom.literal);
        if (times === 1) this.run += atom.literal;
      }
      total += atom.count * times;
    }
    this.endRun();
    return total;
  }

  private atom(): { count: number; literal: string | null } {
    const char = this.source[this.pos++] ?? '';
    if (char === '\\') return this.escape();
    if (char === '[') {
      this.skipClass();
      return { count: 0, literal: null };
    }
    if (char === '(') return { count: this.group(), literal: null };
    if (char === '.' || char === '^' || char === '$') return { count: 0, literal: null };
    // A surrogate pair is one character in `u` mode.
    const code = char.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && this.pos < this.source.length) {
      return { count: 1, literal: char + this.source[this.pos++] };
    }
    return { count: 1, literal: char };
  }

  private escape(): { count: number; literal: string | null } {
    const char = this.source[this.pos++] ?? '';
    if (CLASS_ESCAPES.has(char)) return { count: 0, literal: null };
    if (char === 'p' || char === 'P' || char === 'k') {
      this.pos = this.source.indexOf(char === 'k' ? '>' : '}', this.pos) + 1;
      return { count: 0, literal: null };
    }
    if (/[1-9]/.test(char)) {
      while (/[0-9]/.test(this.source[this.pos] ?? '')) this.pos++;
      return { count: 0, literal: null };
    }
    if (char === 'u' || char === 'x') return { count: 1, literal: this.codePointEscape(char) };
    if (char === 'c') return { count: 1, literal: String.fromCharCode(this.source.charCodeAt(this.pos++) % 32) };
    return { count: 1, literal: CONTROL_ESCAPES[char] ?? char };
  }

  private codePointEscape(kind: 'u' | 'x'): string {
    let hex: string;
    if (kind === 'u' && this.source[this.pos] === '{') {
      const end = this.source.indexOf('}', this.pos);
      hex = this.source.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      const length = kind === 'u' ? 4 : 2;
      hex = this.source.slice(this.pos, this.pos + length);
      this.pos += length;
    }
    return String.fromCodePoint(Number.parseInt(hex, 16));
  }

  private skipClass(): void {
    while (this.pos < this.source.length && this.source[this.pos] !== ']') {
      if (this.source[this.pos] === '\\') this.pos++;
      this.pos++;
    }
    this.pos++;
  }

  /** `(...)`, `(?:...)`, `(?<name>...)` count their content; lookarounds match no characters. */
  private group(): number {
    let lookaround = false;
    if (this.source[this.pos] === '?') {
      const next = this.source[this.pos + 1];
      if (next === ':') this.pos += 2;
      else if (next === '=' || next === '!') {
        lookaround = true;
        this.pos += 2;
      } else if (next === '<' && (this.source[this.pos + 2] === '=' || this.source[this.pos + 2] === '!')) {
        lookaround = true;
        this.pos += 3;
      } else this.pos = this.source.indexOf('>', this.pos) + 1;
    }
    this.endRun();
    const count = this.alternation();
    this.pos++; // the closing ')'
    this.endRun();
    return lookaround ? 0 : count;
  }

  /** How many times the preceding atom must occur: 0 for `?`/`*`, 1 for `+`, n for `{n,...}`. */
  private quantifier(): number {
    const char = this.source[this.pos];
    let times = 1;
    if (char === '?' || char === '*') {
      times = 0;
      this.pos++;
    } else if (char === '+') this.pos++;
    else if (char === '{') {
      const match = /^\{(\d+)(?:,\d*)?\}/.exec(this.source.slice(this.pos));
      if (!match) return 1; // a literal '{' (not valid in u mode, kept for safety)
      times = Number(match[1]);
      this.pos += match[0].length;
    } else return 1;
    if (this.source[this.pos] === '?') this.pos++; // lazy
    return times;
  }

  private endRun(): void {
    if (this.run.length > 0) this.runs.add(this.run);
    this.run = '';
  }
}
