import { shortFingerprint } from '../fingerprint/fingerprint.ts';
import type { Candidate } from '../patch/candidate.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { CandidateResult } from '../validate/ladder.ts';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { EventGroup } from './logScan.ts';

/** The commit message of a delivered patch: the error, the rule, the strategy and the validation. */
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
    '',
    `Healing: ${recorder.id}`,
  ].join('\n');
}
