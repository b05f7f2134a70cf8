import { el } from './dom.js';
import { formatDuration } from './format.js';

/** Every candidate with its validation ladder: each step's outcome, time, command and what it printed. */
export function candidatesView(healing) {
  if (healing.candidates.length === 0) return el('p', { class: 'muted' }, 'No candidates yet.');
  const results = new Map(healing.results.map((r) => [r.candidateId, r]));
  return el(
    'div',
    { class: 'candidates' },
    healing.candidates.map((candidate) => candidateCard(candidate, results.get(candidate.id), healing.winner)),
  );
}

function candidateCard(candidate, result, winner) {
  const outcome = result ? (result.passed ? 'passed' : `failed at ${result.failedStep ?? 'a step'}`) : 'not validated';
  return el(
    'article',
    { class: 'candidate', 'data-candidate-id': candidate.id },
    el(
      'h3',
      {},
      candidate.strategy,
      candidate.id === winner ? el('span', { class: 'badge badge-good' }, 'winner') : null,
    ),
    el('p', {}, candidate.description),
    el(
      'p',
      { class: 'muted' },
      `${candidate.id} · ${candidate.diffSize} changed line(s) · ${outcome}`,
      result ? ` · ${formatDuration(result.durationMs)}` : '',
    ),
    result ? stepsTable(result.steps) : null,
  );
}

function stepsTable(steps) {
  return el(
    'table',
    { class: 'steps', 'aria-label': 'Validation steps' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['Step', 'Result', 'Duration', 'Command', 'Exit', 'Detail'].map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      steps.map((step) => [
        el(
          'tr',
          { 'data-step': step.step, 'data-status': step.status },
          el('td', {}, step.step),
          el('td', {}, el('span', { class: `badge ${STEP_TONES[step.status] ?? 'badge-neutral'}` }, stepLabel(step))),
          el('td', { class: 'num' }, formatDuration(step.durationMs)),
          el('td', {}, step.command ? el('code', {}, step.command) : '—'),
          el('td', { class: 'num' }, step.exitCode === null ? '—' : String(step.exitCode)),
          el('td', {}, step.detail || '—'),
        ),
        step.outputTail
          ? el(
              'tr',
              { class: 'output' },
              el(
                'td',
                { colspan: 6 },
                el('pre', { class: 'step-output', 'aria-label': `${step.step} output` }, step.outputTail),
              ),
            )
          : null,
      ]),
    ),
  );
}

const STEP_TONES = { passed: 'badge-good', failed: 'badge-bad', skipped: 'badge-muted' };

function stepLabel(step) {
  if (step.timedOut) return `${step.status} (timed out)`;
  return step.status === 'passed' ? 'pass' : step.status === 'failed' ? 'fail' : 'skipped';
}
