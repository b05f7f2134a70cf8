import type { Language } from '../schema/taxonomy.ts';
import type { Analysis, NearMiss } from './analysis.ts';
import { type CompiledRule, compileRule, errorTypeSuffix, specificityOf, type TypeMatch } from './compiledRule.ts';
import { DuplicateRuleIdError } from './ruleErrors.ts';
import type { RuleFile } from './ruleSchema.ts';

export interface RuleIndexOptions {
  /** Languages analysed with another language's rules. Default: `{ typescript: 'javascript' }`. */
  aliases?: Readonly<Partial<Record<Language, Language>>>;
  /**
   * Only the first this many characters of a message are matched (default 8,192). Runtime messages are one line
   * of a few hundred characters (V8 quotes at most ~10 characters of bad JSON); the cap bounds the work per event
   * whatever a log holds, on top of the ReDoS checks `testRules` runs on every pattern.
   */
  maxMessageLength?: number;
}

/** A rule as a candidate for one error type: how it covers the type, and its score for it. */
export interface RankedRule {
  readonly compiled: CompiledRule;
  readonly typeMatch: TypeMatch;
  readonly specificity: number;
  /** Near-miss records shared by every analysis (frozen), so a tried rule costs no allocation. */
  readonly noMatch: Readonly<NearMiss>;
  readonly lost: Readonly<NearMiss>;
}

const DEFAULT_ALIASES: Readonly<Partial<Record<Language, Language>>> = { typescript: 'javascript' };
const DEFAULT_MAX_MESSAGE_LENGTH = 8_192;
/**
 * Ranked candidate lists are cached per error type. Error types come from untrusted logs, so the cache is bounded:
 * real services raise a few dozen distinct types, and 1,024 leaves room for many services sharing an index.
 */
const MAX_CACHED_ERROR_TYPES = 1_024;
const NO_CANDIDATES: readonly RankedRule[] = Object.freeze([]);

/** The rules of one language, bucketed by the error types they name. */
class LanguageRules {
  readonly rules: CompiledRule[] = [];
  readonly byType = new Map<string, CompiledRule[]>();
  readonly wildcard: CompiledRule[] = [];
  readonly versions: string[] = [];
  /** `versions` joined with `+`, computed once: every analysis reports it. */
  version = '';
  private readonly ranked = new Map<string, readonly RankedRule[]>();

  add(compiled: CompiledRule): void {
    this.rules.push(compiled);
    if (compiled.wildcard) this.wildcard.push(compiled);
    for (const type of compiled.errorTypes) {
      const bucket = this.byType.get(type);
      if (bucket) bucket.push(compiled);
      else this.byType.set(type, [compiled]);
    }
  }

  candidates(errorType: string): readonly RankedRule[] {
    let ranked = this.ranked.get(errorType);
    if (ranked === undefined) {
      ranked = this.rank(errorType);
      if (this.ranked.size >= MAX_CACHED_ERROR_TYPES) this.ranked.clear();
      this.ranked.set(errorType, ranked);
    }
    return ranked;
  }

  /** Exact-type rules, then rules for the type's last dotted segment, then wildcards; each rule once, best first. */
  private rank(errorType: string): readonly RankedRule[] {
    const ranked: RankedRule[] = [];
    const seen = new Set<CompiledRule>();
    const add = (rules: readonly CompiledRule[] | undefined, typeMatch: TypeMatch): void => {
      for (const compiled of rules ?? []) {
        if (seen.has(compiled)) continue;
        seen.add(compiled);
        ranked.push(rankedRule(compiled, typeMatch));
      }
    };
    add(this.byType.get(errorType), 'exact');
    const suffix = errorTypeSuffix(errorType);
    if (suffix !== errorType) add(this.byType.get(suffix), 'suffix');
    add(this.wildcard, 'wildcard');
    ranked.sort(compareRanked);
    return Object.freeze(ranked);
  }
}

function rankedRule(compiled: CompiledRule, typeMatch: TypeMatch): RankedRule {
  const specificity = specificityOf(compiled, typeMatch);
  const ruleId = compiled.rule.id;
  return {
    compiled,
    typeMatch,
    specificity,
    noMatch: Object.freeze({ ruleId, specificity, reason: 'pattern-did-not-match' }),
    lost: Object.freeze({ ruleId, specificity, reason: 'lower-specificity' }),
  };
}

/** Highest specificity first; equal scores by rule id, so the winner never depends on file order. */
export function compareRanked(a: RankedRule, b: RankedRule): number {
  if (a.specificity !== b.specificity) return b.specificity - a.specificity;
  return a.compiled.rule.id < b.compiled.rule.id ? -1 : a.compiled.rule.id > b.compiled.rule.id ? 1 : 0;
}

/**
 * Every rule compiled once and bucketed by language and error type, so an analysis only tries the rules that can
 * apply. The winner is the matching rule with the highest specificity (see `specificityOf`), never the first in
 * file order.
 */
export class RuleIndex {
  readonly files: readonly RuleFile[];
  readonly maxMessageLength: number;
  private readonly aliases: Readonly<Partial<Record<Language, Language>>>;
  private readonly byLanguage = new Map<Language, LanguageRules>();
  private readonly byId = new Map<string, CompiledRule>();

  constructor(files: readonly RuleFile[], options: RuleIndexOptions = {}) {
    this.files = files;
    this.aliases = options.aliases ?? DEFAULT_ALIASES;
    this.maxMessageLength = options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
    for (const file of files) {
      const origin = `${file.language}@${file.version}`;
      let rules = this.byLanguage.get(file.language);
      if (!rules) {
        rules = new LanguageRules();
        this.byLanguage.set(file.language, rules);
      }
      rules.versions.push(file.version);
      rules.version = rules.versions.join('+');
      for (const rule of file.rules) {
        const existing = this.byId.get(rule.id);
        if (existing) throw new DuplicateRuleIdError(rule.id, [existing.origin, origin]);
        const compiled = compileRule(rule, origin);
        this.byId.set(rule.id, compiled);
        rules.add(compiled);
      }
    }
  }

  /** The language whose rules analyse events of `language` (itself unless aliased). */
  resolveLanguage(language: Language): Language {
    return this.aliases[language] ?? language;
  }

  /** Versions of the rule files of a language, joined with `+`; `none` when it has no rules. */
  ruleSetVersion(language: Language): string {
    return this.byLanguage.get(this.resolveLanguage(language))?.version ?? 'none';
  }

  get size(): number {
    return this.byId.size;
  }

  rule(id: string): CompiledRule | undefined {
    return this.byId.get(id);
  }

  /** Every rule that analyses events of `language`, in file order. */
  rulesFor(language: Language): readonly CompiledRule[] {
    return this.byLanguage.get(this.resolveLanguage(language))?.rules ?? [];
  }

  /** The rules an analysis of this language and error type tries, best first. */
  candidatesFor(language: Language, errorType: string): readonly RankedRule[] {
    return this.byLanguage.get(this.resolveLanguage(language))?.candidates(errorType) ?? NO_CANDIDATES;
  }

  /** The message as analysis sees it (capped at `maxMessageLength`). */
  matchedText(message: string): string {
    return message.length > this.maxMessageLength ? message.slice(0, this.maxMessageLength) : message;
  }

  analyze(language: Language, errorType: string, message: string): Analysis {
    const candidates = this.candidatesFor(language, errorType);
    const text = this.matchedText(message);
    const nearMisses: NearMiss[] = [];
    let winner: RankedRule | null = null;
    // Candidates are sorted best first, so the first match wins; the rest are still tried to report near misses.
    for (const candidate of candidates) {
      if (!candidate.compiled.regex.test(text)) nearMisses.push(candidate.noMatch);
      else if (winner === null) winner = candidate;
      else nearMisses.push(candidate.lost);
    }
    const ruleSetVersion = this.ruleSetVersion(language);
    if (winner === null) {
      return {
        ruleId: null,
        category: 'unknown',
        rootCause: 'No rule matched this error type and message.',
        fixStrategies: [],
        severity: 'error',
        specificity: 0,
        captures: {},
        nearMisses,
        ruleSetVersion,
      };
    }
    const { rule } = winner.compiled;
    return {
      ruleId: rule.id,
      category: rule.category,
      rootCause: rule.rootCause,
      fixStrategies: [...rule.fixStrategies],
      severity: rule.severity,
      specificity: winner.specificity,
      captures: capturesOf(winner.compiled.regex, text),
      nearMisses,
      ruleSetVersion,
    };
  }
}

/** Named groups that took part in the match. Only the winner is exec'd: `test` on the others allocates nothing. */
export function capturesOf(regex: RegExp, text: string): Record<string, string> {
  const groups = regex.exec(text)?.groups;
  if (!groups) return {};
  // defineProperty, not assignment: a group named `__proto__` must stay a plain key.
  const captures: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) {
    if (value !== undefined) Object.defineProperty(captures, name, { value, enumerable: true, writable: true });
  }
  return captures;
}
