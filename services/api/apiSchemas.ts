import { z } from 'zod';
import { APPROVAL_TIERS } from '../../core/approve/approvalTypes.ts';
import { ErrorEventSchema } from '../../core/schema/errorEvent.ts';
import { HEALING_STATES, TRANSITIONS } from '../../core/workflow/healingStates.ts';
import { API_ROLES } from './apiKeys.ts';

/**
 * The REST API's request and response shapes. Responses are what core/operate's HealingView and HealingSummary
 * serialize to; the API tests parse real responses with these schemas, and docs/openapi.json is generated from them.
 */

const HealingStateSchema = z.enum(HEALING_STATES);
const EventTypeSchema = z.enum(Object.keys(TRANSITIONS) as [keyof typeof TRANSITIONS, ...(keyof typeof TRANSITIONS)[]]);

export const ListQuerySchema = z.object({
  state: HealingStateSchema.optional(),
  service: z.string().min(1).max(128).optional(),
  category: z.string().min(1).max(64).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  pageToken: z.string().min(1).max(512).optional(),
});

export const DecisionBodySchema = z.object({
  decision: z.enum(['approve', 'reject']),
  /** Recorded in the audit event; a rejection's reason feeds the rule's track record. */
  reason: z.string().trim().min(1).max(2_000),
  /** The candidate the reviewer looked at; refused (409) when it is not the patch awaiting approval. */
  candidateId: z.string().min(1).max(128).optional(),
});

export const DeliveryActionBodySchema = z.object({
  /** `resume` a paused delivery (its next step runs); `roll-back` a paused or delivered one to the previous version. */
  action: z.enum(['resume', 'roll-back']),
  /** Recorded in the audit event. */
  reason: z.string().trim().min(1).max(2_000),
});

export const KillSwitchBodySchema = z.object({
  on: z.boolean(),
  reason: z.string().trim().min(1).max(2_000),
});

export const HealingSummarySchema = z.object({
  id: z.string(),
  fingerprint: z.string(),
  service: z.string(),
  category: z.string(),
  state: HealingStateSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const HealingPageSchema = z.object({
  healings: z.array(HealingSummarySchema),
  nextPageToken: z.string().nullable(),
});

export const HealingEventSchema = z.object({
  healingId: z.string(),
  seq: z.number().int().min(1),
  type: EventTypeSchema,
  at: z.string(),
  reason: z.string(),
  actor: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const RiskSchema = z.object({
  score: z.number().min(0).max(100),
  tier: z.enum(APPROVAL_TIERS),
  reviewersRequired: z.number().int().min(0),
  parts: z.array(z.object({ name: z.string(), points: z.number(), detail: z.string() })),
});

const ApprovalSchema = z.object({
  tier: z.enum(APPROVAL_TIERS).nullable(),
  required: z.number().int().min(0),
  approvals: z.array(z.object({ actor: z.string(), at: z.string(), reason: z.string() })),
  approved: z.boolean(),
  rejected: z.boolean(),
  risk: RiskSchema.nullable(),
});

const CandidateSchema = z.object({
  id: z.string(),
  strategy: z.string(),
  description: z.string(),
  diff: z.string(),
  diffSize: z.number().int(),
  strategyRank: z.number().int(),
  edits: z.array(z.object({ path: z.string(), before: z.string(), after: z.string() })),
});

const StepResultSchema = z.object({
  step: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  durationMs: z.number(),
  command: z.string().nullable(),
  exitCode: z.number().nullable(),
  timedOut: z.boolean(),
  outputTail: z.string(),
  detail: z.string(),
});

const CandidateResultSchema = z.object({
  candidateId: z.string(),
  strategy: z.string(),
  passed: z.boolean(),
  failedStep: z.string().nullable(),
  durationMs: z.number(),
  steps: z.array(StepResultSchema),
});

const AnalysisSchema = z.object({
  ruleId: z.string().nullable(),
  category: z.string(),
  rootCause: z.string(),
  fixStrategies: z.array(z.string()),
  severity: z.string(),
  specificity: z.number(),
  captures: z.record(z.string(), z.string()),
  nearMisses: z.array(z.object({ ruleId: z.string(), specificity: z.number(), reason: z.string() })),
  ruleSetVersion: z.string(),
});

const OccurrencesSchema = z.object({
  fingerprint: z.string(),
  count: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  parts: z.unknown(),
  sample: z.unknown(),
  /** Occurrences per UTC hour (`yyyy-mm-ddThh`), the last 48 hours. */
  hourly: z.record(z.string(), z.number().int()).optional(),
});

export const HealingViewSchema = z.object({
  id: z.string(),
  state: HealingStateSchema,
  fingerprint: z.string(),
  service: z.string(),
  category: z.string(),
  environment: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  event: ErrorEventSchema,
  analysis: AnalysisSchema.nullable(),
  candidates: z.array(CandidateSchema),
  results: z.array(CandidateResultSchema),
  winner: z.string().nullable(),
  diff: z.string().nullable(),
  approval: ApprovalSchema,
  occurrences: OccurrencesSchema.nullable(),
  events: z.array(HealingEventSchema),
});

export const KillSwitchSchema = z.object({
  on: z.boolean(),
  by: z.string(),
  at: z.string(),
  reason: z.string(),
});

export const PrincipalSchema = z.object({ name: z.string(), roles: z.array(z.enum(API_ROLES)) });
