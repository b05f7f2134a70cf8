import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from './logger.js';

/** Authorizes card payments; resolves to the provider's authorization id. */
export interface PaymentGateway {
  authorize(amount: number, reference: string, log: Logger): Promise<string>;
}

export class PaymentError extends Error {
  override name = 'PaymentError';
}

export class PaymentProviderUnavailableError extends PaymentError {
  override name = 'PaymentProviderUnavailableError';
}

export interface HttpGatewayOptions {
  /** Calls slower than this spend error budget; the provider's SLA is p99 under 300 ms. */
  slowAfterMs?: number;
  /** Slow or failed calls allowed per day: 0.5% of the ~10,000 daily authorizations (payments team SLO). */
  dailyErrorBudget?: number;
  /** Per-attempt timeout; checkout gives up after about 5 s, so two attempts must fit in it. */
  timeoutMs?: number;
  retryDelayMs?: number;
}

/** For local runs and tests: approves everything at once, no network. */
export function sandboxGateway(): PaymentGateway {
  return { authorize: async (_amount, reference) => `auth_sandbox_${reference}` };
}

export function httpGateway(baseUrl: string, options: HttpGatewayOptions = {}): PaymentGateway {
  const { slowAfterMs = 300, dailyErrorBudget = 50, timeoutMs = 2_000, retryDelayMs = 100 } = options;
  const endpoint = new URL('/v1/authorizations', baseUrl);
  let budgetSpent = 0;
  const budgetUsedPercent = () => Math.round((budgetSpent / dailyErrorBudget) * 100);

  type Attempt = { ok: true; id: string } | { ok: false; status: number | null };

  async function attempt(amount: number, reference: string, log: Logger): Promise<Attempt> {
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ amount, currency: 'USD', reference }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      return { ok: false, status: null }; // connection refused, reset or timed out: all worth one retry
    }
    const latencyMs = Math.round(performance.now() - started);
    if (latencyMs > slowAfterMs) {
      budgetSpent += 1;
      log.warn(`payment provider slow, error budget ${budgetUsedPercent()}% used`, { latencyMs, reference });
    }
    if (response.ok) return { ok: true, id: ((await response.json()) as { id: string }).id };
    if (response.status < 500) throw new PaymentError(`payment declined with status ${response.status}`);
    return { ok: false, status: response.status };
  }

  return {
    async authorize(amount, reference, log) {
      // One retry: the provider documents 5xx as transient and authorizations as idempotent per reference.
      const first = await attempt(amount, reference, log);
      if (first.ok) return first.id;
      budgetSpent += 1;
      log.warn('retrying after transient error', { attempt: 1, status: first.status, reference });
      await sleep(retryDelayMs);
      const second = await attempt(amount, reference, log);
      if (second.ok) return second.id;
      budgetSpent += 1;
      throw new PaymentProviderUnavailableError(`payment provider unavailable (status ${second.status})`);
    },
  };
}
