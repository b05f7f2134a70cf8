import type { Language } from '../schema/taxonomy.ts';
import type { Analysis, NearMiss } from './analysis.ts';
import { specificityOf, type TypeMatch, typeMatchOf } from './compiledRule.ts';
import type { RuleIndex } from './ruleIndex.ts';

/** One rule the analysis tried, with the parts of its score. */
export interface ExplainedCandidate {
  ruleId: string;
  typeMatch: TypeMatch;
  specificity: number;
  literalCharacters: number;
  bonus: number;
  outcome: 'won' | 'lost' | 'did-not-match';
}

/** Why a message got its analysis: what `homeostasis rules test --explain` prints. */
export interface MessageExplanation {
  language: Language;
  /** Language whose rules were used (after aliases such as typescript -> javascript). */
  rulesLanguage: Language;
  errorType: string;
  message: string;
  /** The analysis, with the near misses of reason `error-type-differs` added (see `otherErrorTypes`). */
  analysis: Analysis;
  /** Rules tried, best first. */
  candidates: ExplainedCandidate[];
  /**
   * Rules whose pattern matches the message but which do not apply to this error type (analysis does not try
   * them), catch-all patterns left out.
   */
  otherErrorTypes: { ruleId: string; errorTypes: string[] }[];
}

export function explainAnalysis(
  index: RuleIndex,
  language: Language,
  errorType: string,
  message: string,
): MessageExplanation {
  const analysis = index.analyze(language, errorType, message);
  const text = index.matchedText(message);
  const candidates = index.candidatesFor(language, errorType).map((ranked): ExplainedCandidate => {
    const matched = ranked.compiled.regex.test(text);
    const won = ranked.compiled.rule.id === analysis.ruleId;
    return {
      ruleId: ranked.compiled.rule.id,
      typeMatch: ranked.typeMatch,
      specificity: ranked.specificity,
      literalCharacters: ranked.compiled.literalCharacters,
      bonus: ranked.compiled.rule.specificityBonus,
      outcome: won ? 'won' : matched ? 'lost' : 'did-not-match',
    };
  });
  // A catch-all pattern (no literal text, e.g. every AssertionError) matches any message: listing it says nothing.
  const otherRules = index
    .rulesFor(language)
    .filter(
      (compiled) =>
        compiled.literalCharacters > 0 && typeMatchOf(compiled, errorType) === null && compiled.regex.test(text),
    );
  // Scored as if the type had matched exactly: how the rule would have ranked.
  const typeMisses: NearMiss[] = otherRules.map((compiled) => ({
    ruleId: compiled.rule.id,
    specificity: specificityOf(compiled, 'exact'),
    reason: 'error-type-differs',
  }));
  return {
    language,
    rulesLanguage: index.resolveLanguage(language),
    errorType,
    message,
    analysis: { ...analysis, nearMisses: [...analysis.nearMisses, ...typeMisses] },
    candidates,
    otherErrorTypes: otherRules.map((compiled) => ({ ruleId: compiled.rule.id, errorTypes: compiled.rule.errorTypes })),
  };
}

/**
 * Plain-text explanation. The message and captures come from a log: they are printed JSON-quoted so control
 * characters cannot act on the terminal.
 */
export function formatExplanation(explanation: MessageExplanation): string {
  const { analysis } = explanation;
  const via = explanation.rulesLanguage === explanation.language ? '' : ` (rules of ${explanation.rulesLanguage})`;
  const lines = [
    `language: ${explanation.language}${via}, rule set ${analysis.ruleSetVersion}`,
    `error: ${JSON.stringify(explanation.errorType)} ${JSON.stringify(explanation.message)}`,
  ];
  const winner = explanation.candidates.find((candidate) => candidate.outcome === 'won');
  if (winner) {
    lines.push(
      `matched: ${winner.ruleId}, specificity ${winner.specificity} = ${describeScore(winner)}`,
      `  category ${analysis.category}, severity ${analysis.severity}, fix strategies: ${analysis.fixStrategies.join(', ') || 'none'}`,
      `  root cause: ${analysis.rootCause}`,
    );
    const captures = Object.entries(analysis.captures).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
    if (captures.length > 0) lines.push(`  captures: ${captures.join(' ')}`);
  } else {
    lines.push('matched: no rule (category unknown)');
  }
  lines.push(`tried ${explanation.candidates.length} rule(s) for this error type, best first:`);
  for (const candidate of explanation.candidates) {
    const why =
      candidate.outcome === 'won'
        ? 'won'
        : candidate.outcome === 'lost'
          ? 'matched, lost on specificity'
          : 'pattern did not match';
    lines.push(`  ${candidate.ruleId}  ${candidate.specificity} (${describeScore(candidate)})  ${why}`);
  }
  if (explanation.otherErrorTypes.length > 0) {
    lines.push('patterns that match but are for other error types:');
    for (const other of explanation.otherErrorTypes) lines.push(`  ${other.ruleId}  (${other.errorTypes.join(', ')})`);
  }
  return lines.join('\n');
}

export function explainMessage(index: RuleIndex, language: Language, errorType: string, message: string): string {
  return formatExplanation(explainAnalysis(index, language, errorType, message));
}

function describeScore(candidate: ExplainedCandidate): string {
  const bonus = candidate.bonus === 0 ? '' : ` ${candidate.bonus > 0 ? '+' : '-'} bonus ${Math.abs(candidate.bonus)}`;
  return `${candidate.typeMatch} type + ${candidate.literalCharacters} literal characters${bonus}`;
}
