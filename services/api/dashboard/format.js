import { el } from './dom.js';

/** `2026-11-24 20:46:15 UTC`: one zone for everyone reading the same timeline. */
export function formatTime(iso) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return String(iso);
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function timeElement(iso) {
  return el('time', { datetime: iso }, formatTime(iso));
}

/** `850 ms`, `2.1 s`. */
export function formatDuration(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A state as a badge; the class is picked from a fixed set, never built from the value. */
const STATE_TONES = {
  verified: 'good',
  delivered: 'good',
  'awaiting-approval': 'wait',
  'delivery-paused': 'wait',
  'validation-failed': 'bad',
  rejected: 'bad',
  'rolled-back': 'bad',
  ineffective: 'bad',
  'no-fix': 'bad',
  suppressed: 'muted',
};

export function stateBadge(state) {
  const tone = Object.hasOwn(STATE_TONES, state) ? STATE_TONES[state] : 'neutral';
  return el('span', { class: `badge badge-${tone}`, 'data-state': state }, state);
}

export function riskText(risk) {
  return risk ? `${risk.score} · ${risk.tier}` : '—';
}
