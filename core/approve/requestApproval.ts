import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import { IllegalTransitionError } from '../workflow/healingWorkflow.ts';
import { recordedRisk } from './approvalStatus.ts';
import {
  AssessmentError,
  type RiskAssessment,
  type RiskPolicy,
  type RiskThresholds,
  type TrackRecordStore,
} from './approvalTypes.ts';
import { SYSTEM_ACTOR } from './decide.ts';
import { categoryOf, ruleIdOf, winningCandidate } from './healingFacts.ts';
import { isAutoTier } from './riskPolicy.ts';
import { assessRisk } from './riskScore.ts';
import { emptyTrackRecord } from './trackRecords.ts';

/**
 * Assesses the validated winner's risk and asks for approval: records `risk-assessed` {score, tier, parts,
 * reviewersRequired, thresholds}, then `approval-requested`, and for the auto tiers `approved` by `homeostasis`
 * (with `notify: true` for auto-notify). Idempotent: a repeat (or a concurrent caller) finds the recorded events,
 * records only what is missing and returns the stored assessment.
 */
export async function requestApproval(
  recorder: HealingRecorder,
  deps: { policy: RiskPolicy; trackRecords: TrackRecordStore },
): Promise<RiskAssessment> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await completeRequest(recorder, deps);
    } catch (error) {
      // Another caller moved the healing between our read and our append; the recorder now holds its events.
      if (!(error instanceof IllegalTransitionError) || attempt > 0) throw error;
    }
  }
}

async function completeRequest(
  recorder: HealingRecorder,
  deps: { policy: RiskPolicy; trackRecords: TrackRecordStore },
): Promise<RiskAssessment> {
  let risk = recordedRisk(recorder.events);
  let thresholds = recordedThresholds(recorder) ?? deps.policy.thresholds;
  if (risk === null) {
    if (recorder.state !== 'validated') {
      throw new AssessmentError(
        `healing ${recorder.id} is ${recorder.state ?? 'new'}: only a validated patch is assessed`,
      );
    }
    risk = await assess(recorder, deps);
    thresholds = deps.policy.thresholds;
    await recorder.record('risk-assessed', `risk ${risk.score}: ${risk.tier}`, {
      ...risk,
      thresholds,
      environment: deps.policy.environment,
    });
  }
  if (recorder.state === 'validated') {
    const who = risk.reviewersRequired === 0 ? 'no reviewer' : `${risk.reviewersRequired} reviewer(s)`;
    await recorder.record('approval-requested', `risk ${risk.score} (${risk.tier}): needs ${who}`, {
      tier: risk.tier,
      reviewersRequired: risk.reviewersRequired,
    });
  }
  const autoApproved = recorder.events.some((e) => e.type === 'approved' && e.actor === SYSTEM_ACTOR);
  if (isAutoTier(risk.tier) && !autoApproved && recorder.state === 'awaiting-approval') {
    const notify = risk.tier === 'auto-notify';
    const bound = notify ? thresholds.autoNotify : thresholds.auto;
    await recorder.record(
      'approved',
      `risk ${risk.score} ≤ ${bound}: auto-approved${notify ? ' (notify)' : ''}`,
      { notify, tier: risk.tier },
      SYSTEM_ACTOR,
    );
  }
  // A concurrent first caller may have recorded its assessment before ours: the first one is the healing's.
  return recordedRisk(recorder.events) ?? risk;
}

async function assess(
  recorder: HealingRecorder,
  deps: { policy: RiskPolicy; trackRecords: TrackRecordStore },
): Promise<RiskAssessment> {
  const candidate = winningCandidate(recorder.events);
  if (!candidate) throw new AssessmentError(`healing ${recorder.id} names no winning candidate`);
  const ruleId = ruleIdOf(recorder.events);
  const trackRecord = ruleId === null ? emptyTrackRecord('(none)') : await deps.trackRecords.get(ruleId);
  return assessRisk(
    {
      candidate,
      category: categoryOf(recorder.events, recorder.meta.category),
      ruleId,
      environment: deps.policy.environment,
      trackRecord,
    },
    deps.policy,
  );
}

function recordedThresholds(recorder: HealingRecorder): RiskThresholds | null {
  const data = recorder.events.find((e) => e.type === 'risk-assessed')?.data['thresholds'];
  return data && typeof data === 'object' ? (data as RiskThresholds) : null;
}
