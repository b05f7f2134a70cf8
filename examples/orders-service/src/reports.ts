import type { Logger } from './logger.js';
import type { Order, OrderStore } from './orders.js';

/** What finance reads every morning: yesterday's order count and revenue, in cents. */
export interface DailyReport {
  day: string;
  orders: number;
  revenue: number;
  averageTotal: number;
  medianTotal: number;
}

export function buildDailyReport(day: string, orders: Order[]): DailyReport {
  const revenue = orders.reduce((sum, order) => sum + order.total, 0);
  const byTotal = [...orders].sort((a, b) => a.total - b.total);
  return {
    day,
    orders: orders.length,
    revenue,
    averageTotal: Math.round(revenue / orders.length),
    medianTotal: byTotal[Math.floor(byTotal.length / 2)].total,
  };
}

export function runDailyReport(day: string, store: OrderStore, log: Logger): DailyReport {
  const report = buildDailyReport(day, store.createdOn(day));
  log.info('daily report', { ...report });
  return report;
}

/** `YYYY-MM-DD` of the UTC day before `now`. */
export function previousDay(now: Date): string {
  return new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** 02:00 UTC: after the payment provider's midnight settlement run has finished (it takes up to ~90 min). */
const NIGHTLY_REPORT_HOUR_UTC = 2;

export function msUntilNextNightlyRun(now: Date): number {
  const next = new Date(now);
  next.setUTCHours(NIGHTLY_REPORT_HOUR_UTC, 0, 0, 0);
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

/** Runs `job` every night; the timer does not keep the process alive on its own. */
export function scheduleNightlyReport(job: () => void, now: () => Date = () => new Date()): void {
  const timer = setTimeout(() => {
    job();
    scheduleNightlyReport(job, now);
  }, msUntilNextNightlyRun(now()));
  timer.unref();
}
