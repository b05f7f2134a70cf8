import type { ApprovalStatus } from '../../core/approve/approvalTypes.ts';
import { DecisionRefusedError, HealingConflictError } from '../../core/operate/operateErrors.ts';
import { CliError } from '../cliError.ts';
import type { CliConfig } from '../config.ts';
import { openEmbeddedDesk, resolveHealingId } from '../embeddedDesk.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';

export interface DecisionFlags {
  reason?: string;
  json?: boolean;
}

/**
 * `homeostasis approve|reject <healing> --reason <text>`: a reviewer's decision on the patch awaiting approval,
 * recorded as an audit event with the actor ($USER), the time and the reason.
 */
export async function runDecision(
  decision: 'approve' | 'reject',
  idPrefix: string,
  flags: DecisionFlags,
  config: CliConfig,
): Promise<ExitCode> {
  const reason = flags.reason?.trim() ?? '';
  if (reason === '')
    throw new CliError(`${decision} needs --reason <text> (it is kept in the audit trail)`, EXIT.usage);
  const { desk, store } = openEmbeddedDesk(config);
  const id = await resolveHealingId(store, idPrefix);
  let approval: ApprovalStatus;
  let state: string;
  try {
    const view = await desk.decide(id, { decision, actor: config.actor, reason });
    approval = view.approval;
    state = view.state;
  } catch (error) {
    if (error instanceof DecisionRefusedError || error instanceof HealingConflictError) {
      throw new CliError(`cannot ${decision} healing ${id}: ${error.message}`, EXIT.decisionRefused);
    }
    throw error;
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ id, state, approval }, null, 2)}\n`);
    return EXIT.ok;
  }
  process.stdout.write(`${summary(id, decision, state, approval)}\n`);
  return EXIT.ok;
}

function summary(id: string, decision: 'approve' | 'reject', state: string, approval: ApprovalStatus): string {
  if (decision === 'reject') return `healing ${id}: rejected`;
  const humans = approval.approvals.filter((a) => a.actor !== 'homeostasis').length;
  if (approval.approved)
    return `healing ${id}: approved (${humans} of ${approval.required} reviewer(s)); state ${state}`;
  return `healing ${id}: ${humans} of ${approval.required} approval(s); waiting for ${approval.required - humans} more`;
}
