import { apiPost, healingPath, keyMayDecide } from './api.js';
import { el } from './dom.js';
import { timeElement } from './format.js';
import { reasonForm } from './reasonForm.js';

/** Risk score, its parts, the approvals so far, and (when a decision is possible) the approve/reject form. */
export function approvalView(healing, { onDecided, onApiError }) {
  const { approval } = healing;
  return el(
    'div',
    { class: 'approval' },
    riskView(approval.risk),
    el(
      'p',
      {
        class: 'approval-status',
        'data-approved': String(approval.approved),
        'data-rejected': String(approval.rejected),
      },
      approvalSummary(healing),
    ),
    approval.approvals.length > 0
      ? el(
          'ul',
          { class: 'approvals', 'aria-label': 'Approvals' },
          approval.approvals.map((a) =>
            el('li', {}, el('strong', {}, a.actor), ' approved at ', timeElement(a.at), ': ', a.reason),
          ),
        )
      : null,
    awaitsDecision(healing) && keyMayDecide() ? decisionForm(healing, { onDecided, onApiError }) : null,
  );
}

/** A decision is possible while the healing awaits approval and the tier is not yet satisfied (or refused). */
function awaitsDecision(healing) {
  return healing.state === 'awaiting-approval' && !healing.approval.approved && !healing.approval.rejected;
}

function approvalSummary(healing) {
  const { approval } = healing;
  if (approval.rejected) return 'Rejected.';
  if (approval.approved) {
    return healing.state === 'awaiting-approval' ? 'Approved; waiting for delivery.' : 'Approved.';
  }
  if (healing.state !== 'awaiting-approval') return 'No approval is asked for in this state.';
  return `Awaiting approval: ${approval.approvals.length} of ${Math.max(1, approval.required)} approval(s).`;
}

function riskView(risk) {
  if (!risk) return el('p', { class: 'muted' }, 'No risk assessed yet.');
  return el(
    'div',
    { class: 'risk' },
    el(
      'p',
      { class: 'risk-score' },
      el('strong', {}, `Risk ${risk.score}`),
      ` · tier ${risk.tier} · ${risk.reviewersRequired} reviewer(s) required`,
    ),
    el(
      'table',
      { class: 'risk-parts', 'aria-label': 'Risk parts' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['Part', 'Points', 'Why'].map((h) => el('th', { scope: 'col' }, h)),
        ),
      ),
      el(
        'tbody',
        {},
        risk.parts.map((part) =>
          el(
            'tr',
            { 'data-part': part.name },
            el('td', {}, part.name),
            el('td', { class: 'num' }, String(part.points)),
            el('td', {}, part.detail),
          ),
        ),
      ),
    ),
  );
}

/**
 * Approve or reject with a reason. The actor is the API key's name (the server decides it); the winner's id is
 * sent along so that a decision made on a stale page is refused (409) instead of applying to another patch.
 */
function decisionForm(healing, { onDecided, onApiError }) {
  return reasonForm({
    name: 'decision',
    label: { form: 'Decision', reason: 'Reason (recorded with your decision)' },
    buttons: [
      { value: 'approve', text: 'Approve' },
      { value: 'reject', text: 'Reject' },
    ],
    onApiError,
    send: async (decision, reason) => {
      const body = { decision, reason, ...(healing.winner ? { candidateId: healing.winner } : {}) };
      const updated = await apiPost(healingPath(healing.id, '/decision'), body);
      onDecided(updated, decision === 'approve' ? 'Your approval was recorded.' : 'Your rejection was recorded.');
    },
  });
}
