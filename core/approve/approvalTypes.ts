/** Approval tiers, lowest risk first. The tier decides how many reviewers (and which roles) a patch needs. */
export const APPROVAL_TIERS = ['auto', 'auto-notify', 'one-reviewer', 'two-reviewers', 'security-review'] as const;
export type ApprovalTier = (typeof APPROVAL_TIERS)[number];

/** One explainable part of a risk score; the parts of an assessment sum to its score before clamping. */
export interface RiskPart {
  /** e.g. 'diff-size', 'files-touched', 'critical-path', 'security:eval', 'category', 'track-record', 'environment'. */
  name: string;
  points: number;
  /** One line for the reviewer: what was seen and why it costs these points. */
  detail: string;
}

export interface RiskAssessment {
  /** 0–100. */
  score: number;
  tier: ApprovalTier;
  /** Distinct human approvals needed (0 for the auto tiers). */
  reviewersRequired: number;
  parts: RiskPart[];
}

/** Upper bounds (inclusive) of the first four tiers; anything above `twoReviewers` needs a security review. */
export interface RiskThresholds {
  auto: number;
  autoNotify: number;
  oneReviewer: number;
  twoReviewers: number;
}

export interface RiskPolicy {
  environment: string;
  thresholds: RiskThresholds;
  /** Glob patterns (picomatch syntax) of repository paths whose change costs extra points. */
  criticalPaths: string[];
}

/** How a rule's patches fared: the rule's track record. */
export interface TrackRecord {
  ruleId: string;
  /** Patches people approved. */
  accepted: number;
  /** Patches people rejected. */
  rejected: number;
  /** Delivered patches that were rolled back. */
  rolledBack: number;
  /** Delivered patches whose error stayed away. */
  verified: number;
  /** The latest rejections' reasons, newest first (at most RECENT_REJECTIONS_KEPT), for the reviewer. */
  recentRejections?: RejectionNote[];
}

export interface RejectionNote {
  healingId: string;
  reason: string;
  at: string;
}

/** 5: enough to see a pattern in why a rule's patches are refused, small enough to show next to a diff. */
export const RECENT_REJECTIONS_KEPT = 5;

export type TrackOutcome = 'accepted' | 'rejected' | 'rolled-back' | 'verified';

/** Where track records live: SQLite in embedded mode, the DynamoDB control table in AWS mode. */
export interface TrackRecordStore {
  /** The rule's record; all zeros for a rule never seen. */
  get(ruleId: string): Promise<TrackRecord>;
  /** Counts one more `outcome` for the rule (atomically); a rejection's `context` keeps its reason. */
  note(ruleId: string, outcome: TrackOutcome, context?: RejectionNote): Promise<void>;
}

export interface Approval {
  actor: string;
  at: string;
  reason: string;
}

export interface ApprovalStatus {
  /** `null` while no risk was assessed. */
  tier: ApprovalTier | null;
  /** Distinct approvals needed. */
  required: number;
  approvals: Approval[];
  approved: boolean;
  rejected: boolean;
  risk: RiskAssessment | null;
}

export interface Decision {
  decision: 'approve' | 'reject';
  actor: string;
  reason: string;
  roles?: string[];
}

/** Base error of core/approve. */
export class ApprovalError extends Error {
  override name = 'ApprovalError';
}

export type DecisionErrorCode =
  | 'not-awaiting-approval'
  | 'already-approved'
  | 'security-role-required'
  | 'reason-required'
  | 'reserved-actor';

/** A decision that is not allowed now; `code` says why (the REST API maps it to 409/400). */
export class DecisionError extends ApprovalError {
  override name = 'DecisionError';
  constructor(
    readonly code: DecisionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A healing that cannot be assessed (not validated, no winner recorded). */
export class AssessmentError extends ApprovalError {
  override name = 'AssessmentError';
}

/** The decision was recorded but the rule's track record could not be updated. */
export class TrackRecordError extends ApprovalError {
  override name = 'TrackRecordError';
}
