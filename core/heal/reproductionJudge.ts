import { extractErrorsFromString } from '../extract/logExtractor.ts';
import { shortFingerprint } from '../fingerprint/fingerprint.ts';
import type { ReproductionVerdict } from '../validate/ladder.ts';
import { buildErrorEvent, type EventContext } from './errorEventBuilder.ts';

/**
 * Reads what a reproduction command printed with the same extractor and fingerprint as the log: the candidate
 * fails when the healed fingerprint is raised again. Other errors are reported but do not fail the step.
 */
export function judgeReproduction(output: string, fingerprint: string, ctx: EventContext): ReproductionVerdict {
  const seen = new Map<string, string>();
  for (const extracted of extractErrorsFromString(output, { detectors: ctx.registry.detectors })) {
    const built = buildErrorEvent(extracted, ctx);
    if (built) seen.set(built.event.fingerprint, `${built.event.errorType}: ${built.event.message}`);
  }
  if (seen.has(fingerprint)) {
    return { stillFails: true, detail: `the error ${shortFingerprint(fingerprint)} is still raised` };
  }
  const others = [...seen.entries()].map(([fp, text]) => `${shortFingerprint(fp)} (${text})`);
  return {
    stillFails: false,
    detail:
      others.length === 0
        ? `the error ${shortFingerprint(fingerprint)} is no longer raised`
        : `the error ${shortFingerprint(fingerprint)} is no longer raised; other errors seen: ${others.join('; ')}`,
  };
}
