import picomatch from 'picomatch';
import type { Candidate } from '../patch/candidate.ts';
import type { RiskAssessment, RiskPart, RiskPolicy, TrackRecord } from './approvalTypes.ts';
import { changedLines } from './diffLines.ts';
import { environmentClass, REVIEWERS_REQUIRED, tierFor } from './riskPolicy.ts';
import { securityParts } from './securityParts.ts';

/** The default points of every part but the security detectors (those are in securityDetectors.ts). */
export const RISK_POINTS = {
  /** 1 point per 4 changed lines (added + removed), at most 25: a 100-line patch is as big as it gets. */
  diffSize: { linesPerPoint: 4, max: 25 },
  /** 4 points per file beyond the first, at most 12. */
  filesTouched: { perExtraFile: 4, max: 12 },
  /** Once, when any edited file matches a critical path: with a neutral track record it needs a reviewer anywhere. */
  criticalPath: 30,
  /** From 0 (a rule whose patches were always accepted) to 20 (always rejected or rolled back); 10 with no history. */
  trackRecord: { max: 20 },
  /** A rollback weighs twice a rejection: the bad patch reached users. */
  rolledBackWeight: 2,
  environment: { production: 8, staging: 3, development: 0 },
  /** By category: guards for absent values are small and local; concurrency and `unknown` fixes are not. */
  category: {
    'null-reference': 3,
    'missing-key': 3,
    'index-out-of-range': 3,
    'division-by-zero': 3,
    'type-mismatch': 5,
    'invalid-conversion': 5,
    'parse-error': 5,
    'undefined-name': 8,
    'missing-dependency': 8,
    'connection-error': 10,
    timeout: 10,
    'resource-exhausted': 10,
    'file-not-found': 12,
    'permission-denied': 15,
    concurrency: 15,
    assertion: 15,
    unknown: 20,
  } as Record<string, number>,
  /** A category the table does not know. */
  unknownCategory: 20,
} as const;

export interface RiskInput {
  candidate: Candidate;
  category: string;
  ruleId: string | null;
  environment: string;
  trackRecord: TrackRecord;
}

/**
 * The patch's risk: a sum of explainable parts (each with a one-line detail), clamped to 0–100, and the tier the
 * policy's thresholds put it in.
 */
export function assessRisk(input: RiskInput, policy: RiskPolicy): RiskAssessment {
  const files = changedLines(input.candidate.diff);
  const paths = [...new Set([...input.candidate.edits.map((e) => e.path), ...(files ?? []).map((f) => f.path)])];
  const parts: RiskPart[] = [
    diffSizePart(input.candidate.diffSize),
    filesTouchedPart(paths),
    ...criticalPathParts(paths, policy.criticalPaths),
    ...securityParts(files),
    categoryPart(input.category),
    trackRecordPart(input.ruleId, input.trackRecord),
    environmentPart(input.environment),
  ];
  const score = Math.min(
    100,
    Math.max(
      0,
      parts.reduce((sum, p) => sum + p.points, 0),
    ),
  );
  const tier = tierFor(score, policy.thresholds);
  return { score, tier, reviewersRequired: REVIEWERS_REQUIRED[tier], parts };
}

export function diffSizePart(diffSize: number): RiskPart {
  const { linesPerPoint, max } = RISK_POINTS.diffSize;
  const lines = Math.max(0, diffSize);
  return {
    name: 'diff-size',
    points: Math.min(max, Math.floor(lines / linesPerPoint)),
    detail: `${lines} changed line(s): 1 point per ${linesPerPoint}, at most ${max}`,
  };
}

function filesTouchedPart(paths: readonly string[]): RiskPart {
  const { perExtraFile, max } = RISK_POINTS.filesTouched;
  return {
    name: 'files-touched',
    points: Math.min(max, Math.max(0, paths.length - 1) * perExtraFile),
    detail: `${paths.length} file(s): ${paths.join(', ')}`,
  };
}

function criticalPathParts(paths: readonly string[], globs: readonly string[]): RiskPart[] {
  if (globs.length === 0) return [];
  const isCritical = picomatch([...globs], { dot: true });
  const critical = paths.filter((p) => isCritical(p));
  if (critical.length === 0) return [];
  return [{ name: 'critical-path', points: RISK_POINTS.criticalPath, detail: `touches ${critical.join(', ')}` }];
}

function categoryPart(category: string): RiskPart {
  // Own keys only: a category named `constructor` must not read Object.prototype.
  const known = Object.hasOwn(RISK_POINTS.category, category);
  const points = known ? (RISK_POINTS.category[category] ?? RISK_POINTS.unknownCategory) : RISK_POINTS.unknownCategory;
  return { name: 'category', points, detail: `category ${category}` };
}

/**
 * Bad outcomes (rejections, rollbacks ×2) over all outcomes, smoothed with one good and one bad prior outcome:
 * no history gives exactly the middle (10 of 20), and each further rejection can only raise the points.
 */
export function trackRecordPart(ruleId: string | null, record: TrackRecord): RiskPart {
  const { max } = RISK_POINTS.trackRecord;
  if (ruleId === null) return { name: 'track-record', points: max / 2, detail: 'no rule matched: no track record' };
  const good = record.accepted + record.verified;
  const bad = record.rejected + RISK_POINTS.rolledBackWeight * record.rolledBack;
  const points = Math.round((max * (bad + 1)) / (good + bad + 2));
  const latest = record.recentRejections?.[0];
  const why = latest ? `; last rejected: "${latest.reason}"` : '';
  return {
    name: 'track-record',
    points,
    detail:
      good + bad === 0
        ? `rule ${ruleId} has no history yet`
        : `rule ${ruleId}: ${record.accepted} accepted, ${record.verified} verified, ${record.rejected} rejected, ${record.rolledBack} rolled back${why}`,
  };
}

function environmentPart(environment: string): RiskPart {
  const kind = environmentClass(environment);
  return {
    name: 'environment',
    points: RISK_POINTS.environment[kind],
    detail: kind === environment ? environment : `${environment} (treated as ${kind})`,
  };
}
