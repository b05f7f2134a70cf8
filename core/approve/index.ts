export { approvalRoles, approvalStatus, recordedRisk, SECURITY_ROLE } from './approvalStatus.ts';
export * from './approvalTypes.ts';
export { decide, SYSTEM_ACTOR } from './decide.ts';
export { MemoryTrackRecords } from './memoryTrackRecords.ts';
export { requestApproval } from './requestApproval.ts';
export {
  DEFAULT_CRITICAL_PATHS,
  DEFAULT_THRESHOLDS,
  environmentClass,
  isAutoTier,
  PRODUCTION_THRESHOLDS,
  REVIEWERS_REQUIRED,
  RiskPolicyError,
  type RiskPolicyOverrides,
  riskPolicyFor,
  tierFor,
} from './riskPolicy.ts';
export { assessRisk, RISK_POINTS, type RiskInput } from './riskScore.ts';
export { CHANGE_DETECTORS, type ChangeDetector } from './securityDetectors.ts';
export { emptyTrackRecord, type TrackField, trackField } from './trackRecords.ts';
