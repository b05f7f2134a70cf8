import { basename } from 'node:path';
import { extractErrorsFromString } from '../../core/extract/logExtractor.ts';
import { buildErrorEvent } from '../../core/heal/errorEventBuilder.ts';
import type { PluginRegistry } from '../../core/plugin/pluginRegistry.ts';
import type { ErrorEvent } from '../../core/schema/errorEvent.ts';
import type { Language } from '../../core/schema/taxonomy.ts';
import { createRegistry } from '../../plugins/index.ts';
import type { BugLabel } from './bugCatalog.ts';
import type { Corpus, LabelledLog, LogChunk } from './corpus.ts';
import { type PairwiseScore, pairwiseScore } from './pairwise.ts';

/** A count out of a total; `rate` is 1 for an empty total (nothing to get wrong). */
export interface Ratio {
  hit: number;
  total: number;
  rate: number;
}

/** What became of one event the pipeline produced from the corpus. */
export interface EventOutcome {
  log: string;
  event: ErrorEvent;
  /** `matched`: the first event inside an error's chunk; otherwise a false positive of one kind or the other. */
  kind: 'matched' | 'clean-false-positive' | 'unmatched-false-positive';
  bug: BugLabel | null;
  variant: string | null;
  /** `file:function` of the first in-app frame, as the benchmark compares it; null when no frame is in-app. */
  topFrame: string | null;
  checks: { language: boolean; errorType: boolean; category: boolean; topFrame: boolean } | null;
}

export interface LanguageScore {
  language: Language | 'all';
  /** Errors injected (error chunks) and those that got an event. */
  detection: Ratio;
  cleanFalsePositives: number;
  unmatchedFalsePositives: number;
  languageAccuracy: Ratio;
  errorTypeAccuracy: Ratio;
  categoryAccuracy: Ratio;
  topFrameAccuracy: Ratio;
  fingerprint: PairwiseScore;
}

export interface AccuracyReport {
  perLanguage: LanguageScore[];
  overall: LanguageScore;
  outcomes: EventOutcome[];
  /** Injected errors no event was found for. */
  missed: Array<{ log: string; chunk: LogChunk }>;
}

/** Runs extraction, parsing, classification and fingerprinting over the corpus and scores them against the labels. */
export function scoreCorpus(corpus: Corpus, registry: PluginRegistry = createRegistry()): AccuracyReport {
  const outcomes: EventOutcome[] = [];
  const missed: AccuracyReport['missed'] = [];
  for (const log of corpus.logs) {
    const result = scoreLog(log, registry);
    outcomes.push(...result.outcomes);
    missed.push(...result.missed.map((chunk) => ({ log: log.name, chunk })));
  }
  const languages = [...new Set(corpus.logs.map((l) => l.language))];
  const perLanguage = languages.map((language) =>
    summarize(
      language,
      corpus.logs.filter((l) => l.language === language),
      outcomes.filter((o) => corpus.logs.find((l) => l.name === o.log)?.language === language),
    ),
  );
  return { perLanguage, overall: summarize('all', corpus.logs, outcomes), outcomes, missed };
}

function scoreLog(log: LabelledLog, registry: PluginRegistry): { outcomes: EventOutcome[]; missed: LogChunk[] } {
  const outcomes: EventOutcome[] = [];
  const matchedChunks = new Set<LogChunk>();
  let n = 0;
  for (const extracted of extractErrorsFromString(log.text, { detectors: registry.detectors })) {
    const built = buildErrorEvent(extracted, {
      registry,
      service: 'accuracy-bench',
      environment: 'bench',
      idFor: () => `${log.name}-${n++}`,
    });
    if (!built) continue;
    const event = built.event;
    const chunk = log.chunks.find((c) => extracted.startLine >= c.startLine && extracted.startLine <= c.endLine);
    const topFrame = topInAppFrame(event);
    if (!chunk?.bug || matchedChunks.has(chunk)) {
      const kind = log.clean || (chunk && !chunk.bug) ? 'clean-false-positive' : 'unmatched-false-positive';
      outcomes.push({ log: log.name, event, kind, bug: null, variant: chunk?.variant ?? null, topFrame, checks: null });
      continue;
    }
    matchedChunks.add(chunk);
    const bug = chunk.bug;
    const expectedFrame = `${bug.topFrame.file}:${bug.topFrame.function}`;
    outcomes.push({
      log: log.name,
      event,
      kind: 'matched',
      bug,
      variant: chunk.variant,
      topFrame,
      checks: {
        language: event.language === bug.language,
        errorType: event.errorType === bug.errorType,
        category: event.category === bug.category,
        topFrame: topFrame === expectedFrame,
      },
    });
  }
  return { outcomes, missed: log.chunks.filter((c) => c.bug && !matchedChunks.has(c)) };
}

/**
 * The first in-app frame as `basename:function`, the function without its qualifier (`Object.lineTotal`,
 * `main.unitPrice`, `com.example.shop.Pricing.total` all name the function after their last dot).
 */
export function topInAppFrame(event: ErrorEvent): string | null {
  const frame = event.frames.find((f) => f.inApp);
  if (!frame) return null;
  const fn = frame.function?.split('.').pop() ?? '?';
  return `${basename(frame.file.replace(/^file:\/\//, ''))}:${fn}`;
}

function ratio(hit: number, total: number): Ratio {
  return { hit, total, rate: total === 0 ? 1 : hit / total };
}

function summarize(
  language: Language | 'all',
  logs: readonly LabelledLog[],
  outcomes: readonly EventOutcome[],
): LanguageScore {
  const injected = logs.flatMap((l) => l.chunks).filter((c) => c.bug).length;
  const matched = outcomes.filter((o) => o.kind === 'matched');
  const count = (key: 'language' | 'errorType' | 'category' | 'topFrame') =>
    ratio(matched.filter((o) => o.checks?.[key]).length, matched.length);
  return {
    language,
    detection: ratio(matched.length, injected),
    cleanFalsePositives: outcomes.filter((o) => o.kind === 'clean-false-positive').length,
    unmatchedFalsePositives: outcomes.filter((o) => o.kind === 'unmatched-false-positive').length,
    languageAccuracy: count('language'),
    errorTypeAccuracy: count('errorType'),
    categoryAccuracy: count('category'),
    topFrameAccuracy: count('topFrame'),
    fingerprint: pairwiseScore(matched.map((o) => ({ truth: o.bug?.id ?? '', predicted: o.event.fingerprint }))),
  };
}
