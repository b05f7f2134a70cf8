/**
 * DOM building for data from the API, which is untrusted text (it comes from application logs): text always goes
 * in as text nodes and attributes one by one, never through innerHTML. Event-handler and style attributes are
 * refused outright, so no value can become script or CSS (the server's CSP forbids inline both anyway).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const FORBIDDEN_ATTRIBUTE = /^(on|style$|srcdoc$)/i;

/** `el('td', { class: 'num' }, 'text', child)`; `on: { click: fn }` adds listeners; false/null props are left out. */
export function el(tag, props = {}, ...children) {
  return build(document.createElement(tag), props, children);
}

/** The same for SVG elements (sparklines). */
export function svg(tag, props = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(node, props, children) {
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'on') {
      for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
    } else if (FORBIDDEN_ATTRIBUTE.test(name)) {
      throw new Error(`the dashboard never sets the ${name} attribute`);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  appendAll(node, children);
  return node;
}

/** Appends children: nodes as they are, strings and numbers as text, arrays flattened, null/false skipped. */
export function appendAll(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A message the user must see (an API error, a refused decision). */
export function alertBox(message, kind = 'error') {
  return el('p', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
}
