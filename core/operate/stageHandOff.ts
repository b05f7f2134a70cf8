import { candidatesOf, resultsOf } from '../heal/healingStages.ts';
import type { HealingRecorder } from '../workflow/healingRecorder.ts';
import type { StageReport } from './stageReport.ts';

/**
 * The stage queues a report hands the healing on to (AWS: the pipeline's patch and validate SQS queues). The
 * receiving stages are idempotent, so handing the same healing on twice does no harm.
 */
export interface StageHandOff {
  toPatch(healingId: string): Promise<void>;
  toValidate(healingId: string, candidateIds: readonly string[]): Promise<void>;
}

/**
 * Decides the next step after an applied report, as the Lambda stages do after their own work: an analysis goes
 * on to the patch stage; candidates go on to validation, one message per candidate still without a result. A
 * validation result needs nothing next: the last one concludes the validation and approval is asked in place.
 */
export async function handOffAfter(
  recorder: HealingRecorder,
  report: StageReport,
  next: StageHandOff,
): Promise<'patch' | 'validate' | null> {
  if (report.outcome.kind === 'analysis' && recorder.state === 'analyzed') {
    await next.toPatch(recorder.id);
    return 'patch';
  }
  if (report.outcome.kind === 'candidates' && ['candidates-generated', 'validating'].includes(recorder.state ?? '')) {
    const done = resultsOf(recorder);
    const waiting = candidatesOf(recorder)
      .filter((c) => !done.has(c.id))
      .map((c) => c.id);
    if (waiting.length === 0) return null;
    await next.toValidate(recorder.id, waiting);
    return 'validate';
  }
  return null;
}
