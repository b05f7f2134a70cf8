import type { FileEdit } from '../../patch/candidate.ts';
import { makeCandidate } from '../../patch/makeCandidate.ts';
import type { Analysis } from '../../rules/analysis.ts';
import type { Category } from '../../schema/taxonomy.ts';
import { HealingRecorder } from '../../workflow/healingRecorder.ts';
import type { HealingStore } from '../../workflow/healingStore.ts';

export interface ValidatedHealingOptions {
  edits: FileEdit[];
  category?: Category;
  ruleId?: string | null;
}

/** A healing walked through the workflow up to `validated`, with one candidate (the winner) made from `edits`. */
export async function validatedHealing(
  store: HealingStore,
  id: string,
  options: ValidatedHealingOptions,
): Promise<HealingRecorder> {
  const category = options.category ?? 'null-reference';
  const recorder = await HealingRecorder.open(store, id, { fingerprint: `fp-${id}`, service: 'orders', category });
  const analysis: Partial<Analysis> = {
    ruleId: options.ruleId === undefined ? 'js-null-read' : options.ruleId,
    category,
  };
  const candidate = makeCandidate({ strategy: 'guard', description: 'guards the read', edits: options.edits }, 0);
  await recorder.record('detected', 'seen');
  await recorder.record('analyzed', 'rule matched', { analysis });
  await recorder.record('candidates-generated', '1 candidate', { candidates: [candidate] });
  await recorder.record('validation-started', 'validating');
  await recorder.record('candidate-result', 'guard: passed', { result: { candidateId: candidate.id, passed: true } });
  await recorder.record('validated', 'guard passed every step', { winner: candidate.id });
  return recorder;
}

/** An edit of `path` that adds `lines` (a guard-sized change when `lines` is small). */
export function addLinesEdit(path: string, lines: number): FileEdit {
  const before = 'export function total(order) {\n  return order.items.length;\n}\n';
  const added = Array.from({ length: lines }, (_, i) => `  const step${i} = ${i};`).join('\n');
  return { path, before, after: before.replace('{\n', `{\n${added}\n`) };
}
