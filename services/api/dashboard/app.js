import { forgetKey, storedKey } from './api.js';
import { showDetail } from './detailView.js';
import { alertBox } from './dom.js';
import { showKeyForm } from './keyForm.js';
import { showList } from './listView.js';

/**
 * The dashboard: hash routes over the REST API. `#/healings?state=…` lists, `#/healings/<id>` shows one healing.
 * Without a key (or when the API refuses it) the page asks for one.
 */
const main = document.getElementById('app');
const changeKey = document.getElementById('change-key');

function route(message = null) {
  if (!storedKey()) {
    changeKey.hidden = true;
    showKeyForm(main, { onKey: () => route(), message });
    return;
  }
  changeKey.hidden = false;
  const [path, query = ''] = (location.hash.slice(1) || '/healings').split('?');
  const detail = /^\/healings\/([^/]+)$/.exec(path);
  const shown = detail
    ? showDetail(main, decodeURIComponent(detail[1]), onApiError)
    : showList(main, new URLSearchParams(query), onApiError);
  // The views report API errors themselves; anything else (an answer of an unexpected shape) is shown here.
  shown.catch((error) => main.replaceChildren(alertBox(`The page failed: ${error.message}`)));
}

/** A refused key is forgotten and asked for again; other errors are shown where they happened. */
function onApiError(error) {
  if (error.status === 401) {
    forgetKey();
    route(`The API refused the key: ${error.message}`);
  }
}

changeKey.addEventListener('click', () => {
  forgetKey();
  route();
});
window.addEventListener('hashchange', () => route());
route();
