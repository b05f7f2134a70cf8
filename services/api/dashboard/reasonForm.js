import { noteKeyMayNotDecide } from './api.js';
import { alertBox, el } from './dom.js';

/**
 * A form of a reason and one or more buttons, for every step a person records with a reason (approve/reject, resume
 * or roll back a delivery). An empty reason is refused on the page; `send(value, reason)` calls the API with the
 * pressed button's value. A 403 means this key lacks the role: the form says so, and the page stops offering
 * decisions to the key for this tab.
 */
export function reasonForm({ name, label, buttons, send, onApiError }) {
  const reason = el('textarea', {
    id: `${name}-reason`,
    name: 'reason',
    rows: 3,
    maxlength: 2000,
    'aria-required': 'true',
  });
  const message = el('div', { class: 'decision-message' });
  const pressable = buttons.map((b) => el('button', { type: 'submit', value: b.value, class: b.value }, b.text));
  const form = el(
    'form',
    { class: name === 'decision' ? 'decision' : `decision ${name}`, 'aria-label': label.form },
    el('label', { for: `${name}-reason` }, label.reason),
    reason,
    el('div', { class: 'buttons' }, pressable),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = event.submitter?.value ?? buttons[0].value;
    const text = reason.value.trim();
    if (text === '') {
      message.replaceChildren(alertBox('A reason is required.'));
      return;
    }
    for (const b of pressable) b.disabled = true;
    message.replaceChildren('Sending…');
    try {
      await send(value, text);
    } catch (error) {
      for (const b of pressable) b.disabled = false;
      if (error.status === 403) {
        noteKeyMayNotDecide();
        form.replaceWith(alertBox(error.message));
        return;
      }
      message.replaceChildren(alertBox(error.message));
      onApiError(error);
    }
  });
  return form;
}
