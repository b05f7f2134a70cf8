import { rememberKey } from './api.js';
import { alertBox, el } from './dom.js';

/** Asks for the API key (kept in sessionStorage only), then calls `onKey`. `message` says why it asks again. */
export function showKeyForm(main, { onKey, message = null }) {
  const input = el('input', {
    id: 'api-key',
    name: 'api-key',
    type: 'password',
    autocomplete: 'off',
    required: true,
    minlength: 16,
  });
  const form = el(
    'form',
    { class: 'key-form', 'aria-labelledby': 'key-title' },
    el('h1', { id: 'key-title' }, 'API key'),
    el('p', {}, 'The dashboard reads and decides through the REST API; its key is kept for this tab only.'),
    message ? alertBox(message) : null,
    el('label', { for: 'api-key' }, 'Key'),
    input,
    el('button', { type: 'submit' }, 'Use this key'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key === '') return;
    rememberKey(key);
    onKey();
  });
  main.replaceChildren(el('section', { class: 'view', 'data-view': 'key' }, form));
  input.focus();
}
