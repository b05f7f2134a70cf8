import { z } from 'zod';
import { ApprovalError, type ApprovalTier, type RiskPolicy, type RiskThresholds } from './approvalTypes.ts';

/** The table: 0–20 auto, 21–40 auto + notify, 41–60 one reviewer, 61–80 two reviewers, 81–100 security. */
export const DEFAULT_THRESHOLDS: RiskThresholds = { auto: 20, autoNotify: 40, oneReviewer: 60, twoReviewers: 80 };

/** Production moves every boundary down by 5: a patch needs 5 fewer points to reach the next tier. */
export const PRODUCTION_THRESHOLDS: RiskThresholds = { auto: 15, autoNotify: 35, oneReviewer: 55, twoReviewers: 75 };

export const DEFAULT_CRITICAL_PATHS: readonly string[] = [
  '**/auth/**',
  '**/*auth*.*',
  '**/payment*/**',
  '**/billing/**',
  '**/migrations/**',
  '**/*secret*',
  '**/*credential*',
  '**/security/**',
  '**/.github/workflows/**',
  '**/Dockerfile',
];

export type EnvironmentClass = 'production' | 'staging' | 'development';

/**
 * The class of an environment name. Names that are not recognisably staging or development count as production:
 * an unknown environment gets the strictest treatment, never the loosest.
 */
export function environmentClass(environment: string): EnvironmentClass {
  const name = environment.trim().toLowerCase();
  if (/^(stag|pre-?prod|uat|qa)/.test(name)) return 'staging';
  if (/^(dev|test|local|sandbox|ci)/.test(name)) return 'development';
  return 'production';
}

const thresholdsSchema = z
  .object({
    auto: z.number().int().min(0).max(100),
    autoNotify: z.number().int().min(0).max(100),
    oneReviewer: z.number().int().min(0).max(100),
    twoReviewers: z.number().int().min(0).max(100),
  })
  .refine((t) => t.auto <= t.autoNotify && t.autoNotify <= t.oneReviewer && t.oneReviewer <= t.twoReviewers, {
    message: 'thresholds must not decrease: auto <= autoNotify <= oneReviewer <= twoReviewers',
  });

export class RiskPolicyError extends ApprovalError {
  override name = 'RiskPolicyError';
}

export type RiskPolicyOverrides = Partial<Omit<RiskPolicy, 'thresholds'>> & { thresholds?: Partial<RiskThresholds> };

/** The policy of an environment: its default thresholds and critical paths, with `overrides` (config) on top. */
export function riskPolicyFor(environment: string, overrides: RiskPolicyOverrides = {}): RiskPolicy {
  const base = environmentClass(environment) === 'production' ? PRODUCTION_THRESHOLDS : DEFAULT_THRESHOLDS;
  const parsed = thresholdsSchema.safeParse({ ...base, ...overrides.thresholds });
  if (!parsed.success) {
    throw new RiskPolicyError(`invalid risk thresholds for '${environment}': ${z.prettifyError(parsed.error)}`);
  }
  return {
    environment: overrides.environment ?? environment,
    thresholds: parsed.data,
    criticalPaths: [...(overrides.criticalPaths ?? DEFAULT_CRITICAL_PATHS)],
  };
}

/** The tier of a score: each threshold is the highest score of its tier (inclusive). */
export function tierFor(score: number, thresholds: RiskThresholds): ApprovalTier {
  if (score <= thresholds.auto) return 'auto';
  if (score <= thresholds.autoNotify) return 'auto-notify';
  if (score <= thresholds.oneReviewer) return 'one-reviewer';
  if (score <= thresholds.twoReviewers) return 'two-reviewers';
  return 'security-review';
}

/**
 * Distinct human approvals a tier needs. A security review needs two, one of them by an actor with the `security`
 * role: it is riskier than the two-reviewer tier, so it never asks for fewer people.
 */
export const REVIEWERS_REQUIRED: Record<ApprovalTier, number> = {
  auto: 0,
  'auto-notify': 0,
  'one-reviewer': 1,
  'two-reviewers': 2,
  'security-review': 2,
};

export function isAutoTier(tier: ApprovalTier): boolean {
  return REVIEWERS_REQUIRED[tier] === 0;
}
