import { apiGet, healingPath } from './api.js';
import { alertBox, el } from './dom.js';
import { riskText, stateBadge, timeElement } from './format.js';
import { hourlySeries, sparkline } from './sparkline.js';
import { HEALING_STATES } from './states.js';

const FILTERS = ['state', 'service', 'category'];
/** Rows whose occurrences and risk are fetched at once: the list answer has neither (one GET per healing). */
const DETAIL_CONCURRENCY = 4;

/** The healings, newest first, with filters; `params` are the hash's query (`#/healings?state=…`). */
export async function showList(main, params, onApiError) {
  const status = el('div', { class: 'list-status' }, 'Loading…');
  const body = el('tbody');
  const table = el(
    'table',
    { class: 'healings', 'aria-label': 'Healings' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['Healing', 'State', 'Service', 'Category', 'Occurrences (48 h)', 'Risk', 'Updated'].map((h) =>
          el('th', { scope: 'col' }, h),
        ),
      ),
    ),
    body,
  );
  const pager = el('nav', { class: 'pager', 'aria-label': 'Pages' });
  const view = el('section', { class: 'view', 'data-view': 'list' }, el('h1', {}, 'Healings'));
  view.append(filterForm(params), status, table, pager);
  main.replaceChildren(view);

  const query = new URLSearchParams();
  for (const name of [...FILTERS, 'pageToken']) if (params.get(name)) query.set(name, params.get(name));
  let page;
  try {
    page = await apiGet(`/v1/healings?${query}`);
  } catch (error) {
    status.replaceChildren(alertBox(error.message));
    onApiError(error);
    return;
  }
  status.replaceChildren(`${page.healings.length} healing(s)${query.has('pageToken') ? ' on this page' : ''}`);
  const cells = page.healings.map((healing) => {
    const row = listRow(healing);
    body.append(row.tr);
    return row;
  });
  if (page.nextPageToken) {
    const next = new URLSearchParams(query);
    next.set('pageToken', page.nextPageToken);
    pager.append(el('a', { href: `#/healings?${next}` }, 'Next page'));
  }
  await fillDetails(cells, onApiError);
}

function listRow(healing) {
  const occurrences = el('td', { class: 'occurrences' }, '…');
  const risk = el('td', { class: 'risk' }, '…');
  const tr = el(
    'tr',
    { 'data-healing-id': healing.id },
    el('td', {}, el('a', { href: `#/healings/${encodeURIComponent(healing.id)}` }, healing.id)),
    el('td', {}, stateBadge(healing.state)),
    el('td', {}, healing.service),
    el('td', {}, healing.category),
    occurrences,
    risk,
    el('td', {}, timeElement(healing.updatedAt)),
  );
  return { id: healing.id, tr, occurrences, risk };
}

/** Occurrences and risk live on the healing's view; read them a few at a time so a long page stays responsive. */
async function fillDetails(rows, onApiError) {
  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      try {
        const view = await apiGet(healingPath(row.id));
        const series = hourlySeries(view.occurrences?.hourly, new Date());
        row.occurrences.replaceChildren(
          sparkline(series),
          el('span', { class: 'count' }, String(view.occurrences?.count ?? 0)),
        );
        row.risk.replaceChildren(riskText(view.approval?.risk ?? null));
      } catch (error) {
        row.risk.replaceChildren(alertBox(error.message));
        onApiError(error);
      }
    }
  };
  await Promise.all(Array.from({ length: DETAIL_CONCURRENCY }, worker));
}

function filterForm(params) {
  const state = el(
    'select',
    { id: 'filter-state', name: 'state' },
    el('option', { value: '' }, 'any state'),
    HEALING_STATES.map((s) => el('option', { value: s, selected: params.get('state') === s }, s)),
  );
  const text = (name) =>
    el('input', { id: `filter-${name}`, name, type: 'search', value: params.get(name) ?? '', placeholder: 'any' });
  const form = el(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter healings' },
    el('label', { for: 'filter-state' }, 'State'),
    state,
    el('label', { for: 'filter-service' }, 'Service'),
    text('service'),
    el('label', { for: 'filter-category' }, 'Category'),
    text('category'),
    el('button', { type: 'submit' }, 'Filter'),
    el('a', { href: '#/healings' }, 'Clear'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = String(new FormData(form).get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    location.hash = `#/healings?${next}`;
  });
  return form;
}
