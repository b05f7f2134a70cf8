/**
 * The dashboard's only way to the server: the REST API under /v1 with the `x-api-key` header. The key is typed once
 * and kept in sessionStorage (gone when the tab closes); nothing else is stored.
 */

const KEY_ITEM = 'homeostasis.apiKey';
/** Set after the API answered 403 to a decision with this key: the page stops offering decisions to it. */
const MAY_NOT_DECIDE_ITEM = 'homeostasis.mayNotDecide';

export function storedKey() {
  return sessionStorage.getItem(KEY_ITEM);
}

export function rememberKey(key) {
  sessionStorage.setItem(KEY_ITEM, key);
  sessionStorage.removeItem(MAY_NOT_DECIDE_ITEM);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_ITEM);
  sessionStorage.removeItem(MAY_NOT_DECIDE_ITEM);
}

export function keyMayDecide() {
  return sessionStorage.getItem(MAY_NOT_DECIDE_ITEM) === null;
}

export function noteKeyMayNotDecide() {
  sessionStorage.setItem(MAY_NOT_DECIDE_ITEM, '1');
}

/** An error answer of the API (`{error: {code, message}}`), or a network failure (status 0). */
export class ApiRequestError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
  }
}

export function apiGet(path) {
  return request('GET', path, undefined);
}

export function apiPost(path, body) {
  return request('POST', path, body);
}

/** `/v1/healings/{id}` with the id escaped: ids come from the API, a path segment must stay one segment. */
export function healingPath(id, suffix = '') {
  return `/v1/healings/${encodeURIComponent(id)}${suffix}`;
}

async function request(method, path, body) {
  const key = storedKey();
  if (!key) throw new ApiRequestError(401, 'unauthorized', 'no API key given');
  const headers = { 'x-api-key': key, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiRequestError(0, 'network', `the API did not answer: ${error.message}`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: an error answer is reported by its status below
  }
  if (!response.ok) {
    const error = json && typeof json.error === 'object' && json.error !== null ? json.error : {};
    const message = typeof error.message === 'string' ? error.message : `HTTP ${response.status}`;
    const code = typeof error.code === 'string' ? error.code : `http-${response.status}`;
    throw new ApiRequestError(response.status, code, message);
  }
  return json;
}
