import { el } from './dom.js';
import { timeElement } from './format.js';

/** Event data larger than this is cut in the timeline (a `candidates-generated` event carries whole files). */
const DATA_PREVIEW_CHARS = 4_000;

/** The healing's audit trail: every event with its time, actor and reason, oldest first. */
export function timelineView(events) {
  return el(
    'ol',
    { class: 'timeline', 'aria-label': 'Timeline' },
    events.map((event) =>
      el(
        'li',
        { 'data-event-type': event.type, 'data-seq': event.seq },
        el(
          'div',
          { class: 'event-head' },
          timeElement(event.at),
          el('span', { class: 'event-type' }, event.type),
          el('span', { class: 'actor' }, `by ${event.actor}`),
        ),
        el('p', { class: 'reason' }, event.reason),
        dataPreview(event.data),
      ),
    ),
  );
}

function dataPreview(data) {
  if (!data || Object.keys(data).length === 0) return null;
  const text = JSON.stringify(data, null, 2);
  const cut = text.length > DATA_PREVIEW_CHARS;
  return el(
    'details',
    {},
    el('summary', {}, 'data'),
    el(
      'pre',
      { class: 'event-data' },
      cut ? `${text.slice(0, DATA_PREVIEW_CHARS)}\n… (${text.length - DATA_PREVIEW_CHARS} more characters)` : text,
    ),
  );
}
