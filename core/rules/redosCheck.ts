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
   * Time recheck may spend on one pattern before it answers `unknown` (default 3,000 ms). Rule patterns are
   * linear-time messages checked by the automaton in well under 200 ms; the fuzzer, used for backreferences and
   * lookbehind, needs about 1 s.
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
  const timeout = options.recheckTimeoutMs ?? 3_000;
  const key = `${timeout}\u0000${options.probeMaxLength}\u0000${options.probeBudgetMs}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const verdict = decide(pattern, timeout, options);
  cache.set(key, verdict);
  return verdict;
}

function decide(pattern: string, timeout: number, options: RedosCheckOptions): RedosVerdict {
  const diagnostics = checkSync(pattern, 'u', { timeout });
  if (diagnostics.status === 'safe') {
    return { status: 'safe', by: 'recheck', complexity: diagnostics.complexity.summary };
  }
  if (diagnostics.status === 'vulnerable') {
    return {
      status: 'vulnerable',
      by: 'recheck',
      complexity: diagnostics.complexity.summary,
      attack: diagnostics.attack.pattern,
    };
  }
  const error = diagnostics.error;
  const recheck = `recheck could not decide (${error.kind}${'message' in error ? `: ${error.message}` : ''})`;
  const probe = probeBacktracking(new RegExp(pattern, 'u'), pattern, options);
  return probe.slow
    ? { status: 'vulnerable', by: 'probe', recheck, worstMs: probe.worstMs, inputLength: probe.inputLength }
    : { status: 'safe', by: 'probe', recheck, worstMs: probe.worstMs };
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
 * also alternated with a space and a letter), each followed by characters that force a failure at the end, at
 * growing lengths. Lengths grow by 2 up to 32 (exponential blow-ups show there) and then by half up to the cap
 * (polynomial ones show there); a pump stops growing as soon as one match exceeds the budget.
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
      for (const length of probeLengths(maxLength)) {
        const input = unit.repeat(Math.max(1, Math.floor(length / unit.length))) + ending;
        const started = performance.now();
        regex.test(input);
        const elapsed = performance.now() - started;
        worstMs = Math.max(worstMs, elapsed);
        if (elapsed > budget) return { slow: true, worstMs, inputLength: input.length };
      }
    }
  }
  return { slow: false, worstMs, inputLength: 0 };
}

function probeLengths(maxLength: number): number[] {
  const lengths: number[] = [];
  for (let length = 2; length <= Math.min(32, maxLength); length += 2) lengths.push(length);
  for (let length = 48; length < maxLength; length = Math.floor(length * 1.5)) lengths.push(length);
  lengths.push(maxLength);
  return lengths;
}
