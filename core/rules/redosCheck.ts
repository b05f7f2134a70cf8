import { checkSync } from 'recheck';
import { patternLiterals } from './patternLiterals.ts';

/** How a pattern's resistance to catastrophic backtracking was established. */
export type RedosVerdict =
  | { status: 'safe'; by: 'recheck'; complexity: string }
  | { status: 'vulnerable'; by: 'recheck'; complexity: string; attack: string }
  | { status: 'safe'; by: 'probe'; recheck: string; worstMs: number }
  | { status: 'vulnerable'; by: 'probe'; recheck: string; worstMs: number; inputLength: number };

export interface RedosCheckOptions {
  /**
   * Time recheck may spend on one pattern before it answers `unknown` (default 10,000 ms, recheck's own). The
   * automaton checks a rule pattern in 0.1-3 s of CPU (its look-ahead automaton grows with the square of the
   * pattern's length); the fuzzer, used for backreferences, lookbehind and large patterns, in about 0.5 s.
   */
  recheckTimeoutMs?: number;
  /** Longest input the fallback probe builds; analysis never matches more than this (default 8,192). */
  probeMaxLength?: number;
  /**
   * One match may take this long in the probe (default 25 ms). A linear pattern takes well under 1 ms on 8 KiB;
   * an exponential one passes 25 ms at about 20 pumped characters.
   */
  probeBudgetMs?: number;
}

const cache = new Map<string, RedosVerdict>();

/**
 * recheck's verdict on a `u`-mode pattern; when recheck cannot decide (timeout, unsupported syntax), a timed probe
 * on adversarial input decides instead. Verdicts are cached per pattern and options.
 */
export function checkRedos(pattern: string, options: RedosCheckOptions = {}): RedosVerdict {
  const timeout = options.recheckTimeoutMs ?? 10_000;
  const key = `${timeout}\u0000${options.probeMaxLength}\u0000${options.probeBudgetMs}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const verdict = decide(pattern, timeout, options);
  cache.set(key, verdict);
  return verdict;
}

function decide(pattern: string, timeout: number, options: RedosCheckOptions): RedosVerdict {
  const split = splitAnchoredPrefix(pattern);
  const prefix = split?.prefix ?? '';
  const checked = split ? `^${split.rest}` : pattern;
  const diagnostics = checkSync(checked, 'u', { timeout });
  if (diagnostics.status === 'safe') {
    return { status: 'safe', by: 'recheck', complexity: diagnostics.complexity.summary };
  }
  if (diagnostics.status === 'vulnerable') {
    const complexity = diagnostics.complexity.summary;
    const attack = prefix ? `${JSON.stringify(prefix)} + ${diagnostics.attack.pattern}` : diagnostics.attack.pattern;
    if (!diagnostics.complexity.isFuzz) return { status: 'vulnerable', by: 'recheck', complexity, attack };
    // The fuzzer counts steps in its own VM under time limits and (by default) skips recall validation, so on a
    // busy machine it can report a pattern that V8 matches in linear time: its attack is replayed on V8 first.
    const replay = replayAttack(new RegExp(checked, 'u'), diagnostics.attack, options);
    if (replay.slow) return { status: 'vulnerable', by: 'recheck', complexity, attack };
    const probe = probeBacktracking(new RegExp(pattern, 'u'), pattern, options);
    const recheck = `recheck's fuzzer reported ${complexity} with ${attack}, V8 matched it in ${replay.worstMs.toFixed(2)} ms`;
    return probe.slow
      ? { status: 'vulnerable', by: 'probe', recheck, worstMs: probe.worstMs, inputLength: probe.inputLength }
      : { status: 'safe', by: 'probe', recheck, worstMs: Math.max(probe.worstMs, replay.worstMs) };
  }
  const error = diagnostics.error;
  const recheck = `recheck could not decide (${error.kind}${'message' in error ? `: ${error.message}` : ''})`;
  const probe = probeBacktracking(new RegExp(pattern, 'u'), pattern, options);
  return probe.slow
    ? { status: 'vulnerable', by: 'probe', recheck, worstMs: probe.worstMs, inputLength: probe.inputLength }
    : { status: 'safe', by: 'probe', recheck, worstMs: probe.worstMs };
}

const SYNTAX_CHARACTERS = new Set([...'^$\\.*+?()[]{}|/']);
const QUANTIFIER_STARTS = new Set(['*', '+', '?', '{']);

/**
 * Splits `^` + literal text off the front of a pattern. recheck's automaton grows with the square of the
 * pattern's length, and rule patterns open with long literal text (`^Cannot read properties of ...`); checking
 * `^rest` instead is exact for ReDoS: without the `m` flag `^` only matches at the start of the input, the literal
 * text has no choice points to backtrack into, so matching `^prefix rest` costs the prefix plus matching `^rest`
 * on what follows it. `null` (check the pattern as it is) when the pattern is not anchored, when `^` binds only
 * the first of top-level alternatives, or when a lookbehind could look back into the prefix.
 */
export function splitAnchoredPrefix(pattern: string): { prefix: string; rest: string } | null {
  if (!pattern.startsWith('^') || pattern.includes('(?<=') || pattern.includes('(?<!')) return null;
  if (hasTopLevelAlternation(pattern)) return null;
  let prefix = '';
  let pos = 1;
  for (;;) {
    const char = pattern[pos];
    let literal: string | null = null;
    let width = 1;
    if (char === '\\' && SYNTAX_CHARACTERS.has(pattern[pos + 1] ?? '')) {
      literal = pattern[pos + 1]!;
      width = 2;
    } else if (char !== undefined && !SYNTAX_CHARACTERS.has(char) && !/[\uD800-\uDFFF]/.test(char)) literal = char;
    // A literal followed by a quantifier is not fixed text.
    if (literal === null || QUANTIFIER_STARTS.has(pattern[pos + width] ?? '')) break;
    prefix += literal;
    pos += width;
  }
  return { prefix, rest: pattern.slice(pos) };
}

function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let pos = 0; pos < pattern.length; pos++) {
    const char = pattern[pos];
    if (char === '\\') pos++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) return true;
  }
  return false;
}

/** The part of a recheck attack needed to rebuild it at another size. */
export interface RecheckAttack {
  pumps: readonly { prefix: string; pump: string }[];
  suffix: string;
}

/**
 * Times an attack found by recheck on V8, its pumps repeated more and more (as in the probe: exponential
 * blow-ups must be caught at a few dozen characters, before one match takes forever) up to the probe's maximum
 * length; stops at the first match over budget.
 */
export function replayAttack(regex: RegExp, attack: RecheckAttack, options: RedosCheckOptions = {}): ProbeResult {
  const maxLength = options.probeMaxLength ?? 8_192;
  const budget = options.probeBudgetMs ?? 25;
  const fixed = attack.pumps.reduce((sum, { prefix }) => sum + prefix.length, attack.suffix.length);
  const pumped = Math.max(
    1,
    attack.pumps.reduce((sum, { pump }) => sum + pump.length, 0),
  );
  let worstMs = 0;
  for (const times of repetitions(Math.floor((maxLength - fixed) / pumped))) {
    const input = attack.pumps.map(({ prefix, pump }) => prefix + pump.repeat(times)).join('') + attack.suffix;
    const elapsed = timeMatch(regex, input, budget);
    worstMs = Math.max(worstMs, elapsed);
    if (elapsed > budget) return { slow: true, worstMs, inputLength: input.length };
  }
  return { slow: false, worstMs, inputLength: 0 };
}

export interface ProbeResult {
  slow: boolean;
  /** Slowest single match seen, in milliseconds. */
  worstMs: number;
  /** Length of the input that exceeded the budget (0 when none did). */
  inputLength: number;
}

/**
 * Times the pattern on pumped inputs built from its own literal characters (each character and each literal run,
 * also preceded or followed by a letter), each followed by a character that forces a failure at the end, repeated
 * more and more (see `repetitions`) up to the cap; a pump stops growing as soon as one match exceeds the budget.
 */
export function probeBacktracking(regex: RegExp, pattern: string, options: RedosCheckOptions = {}): ProbeResult {
  const maxLength = options.probeMaxLength ?? 8_192;
  const budget = options.probeBudgetMs ?? 25;
  const literals = patternLiterals(pattern);
  const units = new Set<string>(['a', ' ', '0', ...literals.characters, ...literals.runs]);
  for (const run of literals.runs) {
    units.add(`${run}a`);
    units.add(`a${run}`);
  }
  const endings = ['\u0000', '\n', '!'];
  let worstMs = 0;
  for (const unit of units) {
    for (const ending of endings) {
      for (const times of repetitions(Math.floor(maxLength / unit.length))) {
        const input = unit.repeat(times) + ending;
        const elapsed = timeMatch(regex, input, budget);
        worstMs = Math.max(worstMs, elapsed);
        if (elapsed > budget) return { slow: true, worstMs, inputLength: input.length };
      }
    }
  }
  return { slow: false, worstMs, inputLength: 0 };
}

/**
 * Time of one match; over budget, the fastest of three, so a pause of a busy machine (preemption, GC) is not taken
 * for backtracking, which makes every run slow. Each run counts the lesser of wall time and this process's CPU time:
 * on a machine whose cores are busy with other processes the wall clock runs on while the match waits for a core
 * (CI saw a linear pattern pass 25 ms that way), and CPU time cannot; backtracking makes both large.
 */
function timeMatch(regex: RegExp, input: string, budget: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && best > budget; attempt++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    regex.test(input);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    best = Math.min(best, wallMs, (used.user + used.system) / 1000);
  }
  return best;
}

/**
 * How many times to repeat a pump: one more each step up to 32 (an exponential blow-up multiplies the time by its
 * base with each repetition, so the first match over budget takes only a few times the budget), then a quarter
 * more each step up to `max` (a polynomial one grows by 1.25^degree per step).
 */
function repetitions(max: number): number[] {
  const counts: number[] = [];
  for (let times = 1; times <= Math.min(32, max); times++) counts.push(times);
  for (let times = 40; times < max; times = Math.ceil(times * 1.25)) counts.push(times);
  if (max > 32) counts.push(max);
  return counts;
}
