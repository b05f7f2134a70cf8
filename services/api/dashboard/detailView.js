import { apiGet, healingPath } from './api.js';
import { approvalView } from './approvalView.js';
import { candidatesView } from './candidatesView.js';
import { deliveryView } from './deliveryView.js';
import { diffView } from './diffView.js';
import { alertBox, appendAll, el } from './dom.js';
import { stateBadge, timeElement } from './format.js';
import { hourlySeries, sparkline } from './sparkline.js';
import { timelineView } from './timelineView.js';

/** One healing: summary, approval (risk, decision), delivery, the winner's diff side by side, candidates, timeline. */
export async function showDetail(main, id, onApiError) {
  const view = el('section', { class: 'view', 'data-view': 'detail' }, backLink(), el('p', {}, 'Loading…'));
  main.replaceChildren(view);
  let healing;
  try {
    healing = await apiGet(healingPath(id));
  } catch (error) {
    view.replaceChildren(backLink(), alertBox(error.message));
    onApiError(error);
    return;
  }
  render(view, healing, null, onApiError);
}

function render(view, healing, notice, onApiError) {
  const onDecided = (updated, text) => render(view, updated, text, onApiError);
  const delivery = deliveryView(healing, { onDecided, onApiError });
  // appendAll, not replaceChildren(...): the DOM method would print a left-out (null) part as the text "null".
  view.replaceChildren();
  appendAll(view, [
    backLink(),
    el('h1', {}, `${healing.event.errorType} in ${healing.service}`),
    notice ? alertBox(notice, 'info') : null,
    summary(healing),
    section('Approval', approvalView(healing, { onDecided, onApiError })),
    delivery ? section('Delivery', delivery) : null,
    section(
      'Patch',
      healing.diff ? diffView(healing.diff) : el('p', { class: 'muted' }, 'No validated patch.'),
      'patch',
    ),
    section('Candidates', candidatesView(healing), 'candidates'),
    section('Timeline', timelineView(healing.events), 'timeline'),
  ]);
}

function backLink() {
  return el('a', { href: '#/healings', class: 'back' }, '← All healings');
}

function section(title, content, name = title.toLowerCase()) {
  const heading = `section-${name}`;
  return el(
    'section',
    { class: 'panel', 'aria-labelledby': heading, 'data-section': name },
    el('h2', { id: heading }, title),
    content,
  );
}

function summary(healing) {
  const occurrences = healing.occurrences;
  const row = (term, ...value) => [el('dt', {}, term), el('dd', {}, ...value)];
  return el(
    'dl',
    { class: 'summary' },
    row('State', stateBadge(healing.state)),
    row('Healing', healing.id),
    row('Service', healing.service),
    row('Category', healing.category),
    row('Environment', healing.environment ?? '—'),
    row('Error', el('code', {}, healing.event.message)),
    row('Root cause', healing.analysis ? healing.analysis.rootCause : '—'),
    row('Rule', healing.analysis?.ruleId ?? '—'),
    row('Fingerprint', el('code', {}, healing.fingerprint)),
    row(
      'Occurrences',
      occurrences
        ? [
            sparkline(hourlySeries(occurrences.hourly, new Date())),
            ` ${occurrences.count} total, first `,
            timeElement(occurrences.firstSeen),
            ', last ',
            timeElement(occurrences.lastSeen),
          ]
        : '—',
    ),
    row('Updated', timeElement(healing.updatedAt)),
  );
}
