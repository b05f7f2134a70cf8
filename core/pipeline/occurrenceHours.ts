/** Occurrence history is kept per UTC hour for this many hours (the dashboard draws the last two days). */
export const HOURLY_WINDOW_HOURS = 48;

const HOUR_MS = 3_600_000;

/** `yyyy-mm-ddThh` (UTC) of an instant: sorts as text in time order. */
export function hourKey(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 13);
}

/** The oldest hour key still kept at `now`: the current hour and the 47 before it. */
export function oldestKeptHour(now: Date): string {
  return hourKey(now.getTime() - (HOURLY_WINDOW_HOURS - 1) * HOUR_MS);
}

/**
 * The bucket an event with this timestamp is counted in, or null when it is older than the window (it still counts
 * in the total). A timestamp ahead of `now` (the application's clock runs fast) is counted in the current hour,
 * and so is one that does not parse (the schema checks timestamps; this keeps the helper total).
 */
export function hourBucketFor(timestamp: string, now: Date): string | null {
  const t = Date.parse(timestamp);
  if (!Number.isFinite(t) || t > now.getTime()) return hourKey(now);
  const key = hourKey(t);
  return key >= oldestKeptHour(now) ? key : null;
}

/** Adds `more` to `hourly` and drops the hours that left the window at `now`. */
export function mergeHourly(
  hourly: Readonly<Record<string, number>>,
  more: Readonly<Record<string, number>>,
  now: Date,
): Record<string, number> {
  const oldest = oldestKeptHour(now);
  const out: Record<string, number> = {};
  for (const source of [hourly, more]) {
    for (const [hour, n] of Object.entries(source)) {
      if (hour >= oldest) out[hour] = (out[hour] ?? 0) + n;
    }
  }
  return out;
}
