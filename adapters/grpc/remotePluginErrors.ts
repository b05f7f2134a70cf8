import { status } from '@grpc/grpc-js';

/** Base error of the remote plugin client. */
export class RemotePluginError extends Error {
  override name = 'RemotePluginError';
}

/** Consul knows no passing instance of the plugin host service. */
export class NoHealthyHostError extends RemotePluginError {
  override name = 'NoHealthyHostError';
}

/** Consul itself did not answer. */
export class DiscoveryError extends RemotePluginError {
  override name = 'DiscoveryError';
}

/** A plugin host answered a call with a non-OK status. */
export class RemoteCallError extends RemotePluginError {
  override name = 'RemoteCallError';
  constructor(
    readonly code: status,
    readonly host: string,
    message: string,
  ) {
    super(`${host}: ${status[code] ?? code}: ${message}`);
  }
}

/**
 * Statuses that say "this host, now" rather than "this request": worth a retry on another host, and counted by
 * the circuit breaker. INVALID_ARGUMENT or NOT_FOUND would fail again anywhere, so they go straight to the fallback.
 */
const TRANSIENT: ReadonlySet<status> = new Set([
  status.UNAVAILABLE,
  status.DEADLINE_EXCEEDED,
  status.RESOURCE_EXHAUSTED,
  status.ABORTED,
  status.CANCELLED,
]);

export function isTransient(error: Error): boolean {
  return error instanceof RemoteCallError && TRANSIENT.has(error.code);
}
