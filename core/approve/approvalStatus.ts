import { z } from 'zod';
import type { HealingEvent } from '../workflow/healingWorkflow.ts';
import { APPROVAL_TIERS, type Approval, type ApprovalStatus, type RiskAssessment } from './approvalTypes.ts';

/** The role whose approval a `security-review` tier needs. */
export const SECURITY_ROLE = 'security';

const riskSchema = z.object({
  score: z.number(),
  tier: z.enum(APPROVAL_TIERS),
  reviewersRequired: z.number().int().min(0),
  parts: z.array(z.object({ name: z.string(), points: z.number(), detail: z.string() })),
});

/** The risk recorded on a healing (the first `risk-assessed` event: the one the approval request was made on). */
export function recordedRisk(events: readonly HealingEvent[]): RiskAssessment | null {
  const event = events.find((e) => e.type === 'risk-assessed');
  if (!event) return null;
  const parsed = riskSchema.safeParse(event.data);
  return parsed.success ? parsed.data : null;
}

/** Roles an `approved` event was given with (recorded so that the security rule can be checked from events). */
export function approvalRoles(event: HealingEvent): string[] {
  const roles = event.data['roles'];
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * Everything about a healing's approval, derived from its events alone. Approvals count once per distinct actor.
 * Without a recorded risk the healing needs one reviewer: an unassessed patch is never approved automatically.
 */
export function approvalStatus(events: readonly HealingEvent[]): ApprovalStatus {
  const risk = recordedRisk(events);
  const tier = risk?.tier ?? null;
  const required = risk ? risk.reviewersRequired : 1;
  const approvals: Approval[] = [];
  let securityApproved = false;
  for (const event of events) {
    if (event.type !== 'approved' || approvals.some((a) => a.actor === event.actor)) continue;
    approvals.push({ actor: event.actor, at: event.at, reason: event.reason });
    if (approvalRoles(event).includes(SECURITY_ROLE)) securityApproved = true;
  }
  const rejected = events.some((e) => e.type === 'rejected');
  const enough = approvals.length >= Math.max(1, required);
  const approved = !rejected && enough && (tier !== 'security-review' || securityApproved);
  return { tier, required, approvals, approved, rejected, risk };
}
