import { svg } from './dom.js';

/** The window of core/pipeline/occurrenceHours.ts: the stores keep the current UTC hour and the 47 before it. */
export const SPARKLINE_HOURS = 48;
const HOUR_MS = 3_600_000;
const WIDTH = 96;
const HEIGHT = 24;

/**
 * Counts per UTC hour, oldest first, for the 48 hours ending with the hour of `now` (the reader's clock: a
 * fingerprint that stopped occurring shows empty recent hours). Keys are `yyyy-mm-ddThh`; non-numbers count 0.
 */
export function hourlySeries(hourly, now) {
  const last = Math.floor(now.getTime() / HOUR_MS);
  const series = [];
  for (let hour = last - SPARKLINE_HOURS + 1; hour <= last; hour++) {
    const count = Number(hourly?.[new Date(hour * HOUR_MS).toISOString().slice(0, 13)]);
    series.push(Number.isFinite(count) && count > 0 ? count : 0);
  }
  return series;
}

/** One bar per hour, scaled to the busiest hour; labelled with the total for screen readers and tests. */
export function sparkline(series) {
  const total = series.reduce((sum, n) => sum + n, 0);
  const max = Math.max(1, ...series);
  const barWidth = WIDTH / series.length;
  const label = `${total} occurrence(s) in the last ${series.length} hours`;
  const bars = series.map((count, i) =>
    svg('rect', {
      class: count > 0 ? 'bar' : 'bar empty',
      x: (i * barWidth).toFixed(2),
      width: Math.max(barWidth - 0.5, 0.5).toFixed(2),
      // an empty hour still draws a 1px tick, so the time axis stays visible
      y: count > 0 ? (HEIGHT - (count / max) * HEIGHT).toFixed(2) : HEIGHT - 1,
      height: count > 0 ? ((count / max) * HEIGHT).toFixed(2) : 1,
      'data-count': count,
    }),
  );
  return svg(
    'svg',
    {
      class: 'sparkline',
      width: WIDTH,
      height: HEIGHT,
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-label': label,
      'data-total': total,
    },
    svg('title', {}, label),
    bars,
  );
}
