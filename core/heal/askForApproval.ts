import type { RiskAssessment, RiskPolicy, TrackRecordStore } from '../approve/approvalTypes.ts';
import { requestApproval } from '../approve/requestApproval.ts';
import { riskPolicyFor } from '../approve/riskPolicy.ts';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import { detectedEvent } from './healingStages.ts';

export interface ApprovalDeps {
  trackRecords: TrackRecordStore;
  /** The policy of an environment (thresholds, critical paths). @default riskPolicyFor(environment) */
  riskPolicy?: (environment: string) => RiskPolicy;
}

/**
 * The step after `validated`, wherever validation concluded (the heal loop, the validate stage, the orchestrator):
 * the winner's risk is assessed for the environment its error came from, and the healing waits for the approvals
 * the tier needs (none for the auto tiers). Null when the healing is not (or no longer) `validated`.
 */
export async function askForApproval(recorder: HealingRecorder, deps: ApprovalDeps): Promise<RiskAssessment | null> {
  if (recorder.state !== 'validated') return null;
  const environment = detectedEvent(recorder).environment;
  const policy = (deps.riskPolicy ?? ((env: string) => riskPolicyFor(env)))(environment);
  return requestApproval(recorder, { policy, trackRecords: deps.trackRecords });
}
