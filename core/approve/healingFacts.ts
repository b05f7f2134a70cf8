import type { Candidate } from '../patch/candidate.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { HealingEvent } from '../workflow/healingWorkflow.ts';

/** The rule that produced the healing's analysis (`null` when no rule matched or the healing was not analyzed). */
export function ruleIdOf(events: readonly HealingEvent[]): string | null {
  const analysis = events.find((e) => e.type === 'analyzed')?.data['analysis'] as Partial<Analysis> | undefined;
  return typeof analysis?.ruleId === 'string' ? analysis.ruleId : null;
}

export function categoryOf(events: readonly HealingEvent[], fallback: string): string {
  const analysis = events.find((e) => e.type === 'analyzed')?.data['analysis'] as Partial<Analysis> | undefined;
  return typeof analysis?.category === 'string' ? analysis.category : fallback;
}

/** The candidate the `validated` event names as winner. */
export function winningCandidate(events: readonly HealingEvent[]): Candidate | null {
  const winner = events.find((e) => e.type === 'validated')?.data['winner'];
  const candidates = events.find((e) => e.type === 'candidates-generated')?.data['candidates'];
  if (typeof winner !== 'string' || !Array.isArray(candidates)) return null;
  return (candidates as Candidate[]).find((c) => c.id === winner) ?? null;
}
