import { apiPost, healingPath, keyMayDecide } from './api.js';
import { el } from './dom.js';
import { timeElement } from './format.js';
import { reasonForm } from './reasonForm.js';

/** What a person may do to a delivery in each state (POST /v1/healings/{id}/delivery). */
const ACTIONS = {
  'delivery-paused': [
    { value: 'resume', text: 'Resume delivery' },
    { value: 'roll-back', text: 'Roll back' },
  ],
  delivered: [{ value: 'roll-back', text: 'Roll back' }],
};

const DONE = {
  resume: 'The delivery was resumed: its next step runs now.',
  'roll-back': 'The delivery was rolled back: the previous version serves all traffic.',
};

/**
 * A paused delivery (why it paused, where the traffic is) with the resume / roll-back form; a delivered one with the
 * roll-back form. Null in any other state: the detail view then shows no delivery panel.
 */
export function deliveryView(healing, { onDecided, onApiError }) {
  const actions = ACTIONS[healing.state];
  if (!actions) return null;
  const paused =
    healing.state === 'delivery-paused' ? healing.events.findLast((e) => e.type === 'delivery-paused') : null;
  return el(
    'div',
    { class: 'delivery' },
    paused
      ? el('p', { class: 'delivery-status' }, 'Paused at ', timeElement(paused.at), ': ', paused.reason)
      : el('p', { class: 'delivery-status' }, 'Delivered; the verification window is open.'),
    keyMayDecide()
      ? reasonForm({
          name: 'steer',
          label: { form: 'Delivery', reason: 'Reason (recorded with your step)' },
          buttons: actions,
          onApiError,
          send: async (action, reason) => {
            const updated = await apiPost(healingPath(healing.id, '/delivery'), { action, reason });
            onDecided(updated, DONE[action]);
          },
        })
      : null,
  );
}
