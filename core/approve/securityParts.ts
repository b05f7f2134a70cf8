import type { RiskPart } from './approvalTypes.ts';
import type { FileChange } from './diffLines.ts';
import { CHANGE_DETECTORS, type ChangeDetector, countMatches, detectorLanguage } from './securityDetectors.ts';

/** A diff that cannot be read cannot be checked: it costs as much as the worst single finding and more. */
export const UNREADABLE_DIFF_POINTS = 40;

/**
 * One part per detector name that fired anywhere in the diff (`security:<name>`): a name costs its points once,
 * however often it fires, and the detail says where and how often.
 */
export function securityParts(
  files: readonly FileChange[] | null,
  detectors: readonly ChangeDetector[] = CHANGE_DETECTORS,
): RiskPart[] {
  if (files === null) {
    return [
      { name: 'security:unreadable-diff', points: UNREADABLE_DIFF_POINTS, detail: 'the diff could not be parsed' },
    ];
  }
  const found = new Map<string, { points: number; details: Set<string>; hits: number; paths: Set<string> }>();
  for (const file of files) {
    const language = detectorLanguage(file.path);
    for (const detector of detectors) {
      if (!detector.languages.includes('any') && (language === null || !detector.languages.includes(language)))
        continue;
      const hits = firings(detector, file);
      if (hits === 0) continue;
      const entry = found.get(detector.name) ?? { points: 0, details: new Set(), hits: 0, paths: new Set() };
      entry.points = Math.max(entry.points, detector.points);
      entry.details.add(detector.detail);
      entry.hits += hits;
      entry.paths.add(file.path);
      found.set(detector.name, entry);
    }
  }
  // Worst first: the reviewer reads the most serious finding at the top.
  return [...found]
    .map(([name, e]) => ({
      name: `security:${name}`,
      points: e.points,
      detail: `${[...e.details].join('; ')} (${e.hits}× in ${[...e.paths].join(', ')})`,
    }))
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name));
}

/** Added-side detectors count their matches; removed-side ones count what the file loses net of what it gains. */
function firings(detector: ChangeDetector, file: FileChange): number {
  if (detector.side === 'added') return countMatches(detector, file.added);
  return Math.max(0, countMatches(detector, file.removed) - countMatches(detector, file.added));
}
