import { recordedRisk } from '../approve/approvalStatus.ts';
import { shortFingerprint } from '../fingerprint/fingerprint.ts';
import type { Candidate } from '../patch/candidate.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { CandidateResult } from '../validate/ladder.ts';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { EventGroup } from './logScan.ts';

/** The commit message of a delivered patch: the error, the rule, the strategy, the validation and the risk. */
export function commitSummary(recorder: HealingRecorder, group: EventGroup, winner: Candidate): string {
  const { event } = group.sample;
  const analysis = recorder.events.find((e) => e.type === 'analyzed')?.data['analysis'] as Analysis | undefined;
  const result = recorder.events
    .filter((e) => e.type === 'candidate-result')
    .map((e) => e.data['result'] as CandidateResult)
    .find((r) => r.candidateId === winner.id);
  const files = winner.edits.map((e) => e.path).join(', ');
  const steps = (result?.steps ?? [])
    .map((s) => `  - ${s.step}: ${s.status}${s.command ? ` (\`${s.command}\`, ${s.durationMs} ms)` : ''} — ${s.detail}`)
    .join('\n');
  const firstLine = `fix(${files}): ${analysis?.category ?? event.category} — ${event.errorType}`;
  return [
    firstLine.length > 72 ? `${firstLine.slice(0, 69)}...` : firstLine,
    '',
    `Error: ${event.errorType}: ${event.message}`,
    `Fingerprint: ${shortFingerprint(group.fingerprint)} (${group.count} occurrence(s) in the log)`,
    `Rule: ${analysis?.ruleId ?? '(none)'} — ${analysis?.rootCause ?? ''}`,
    `Strategy: ${winner.strategy} — ${winner.description}`,
    'Validation (isolated sandbox):',
    steps,
    ...riskSection(recorder),
    '',
    `Healing: ${recorder.id}`,
  ].join('\n');
}

/**
 * The risk score and what it is made of, as core/approve recorded it (a reviewer reads why a patch needs them);
 * "not assessed" when no policy scored it, so a missing score is never mistaken for a low one.
 */
function riskSection(recorder: HealingRecorder): string[] {
  const risk = recordedRisk(recorder.events);
  if (!risk) return ['Risk: not assessed'];
  return [
    `Risk: score ${risk.score}, tier ${risk.tier}, ${risk.reviewersRequired} reviewer(s) required`,
    ...risk.parts.map((p) => `  - ${p.name} ${p.points >= 0 ? '+' : ''}${p.points}: ${p.detail}`),
  ];
}
