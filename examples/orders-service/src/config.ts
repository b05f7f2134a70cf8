/** Runtime settings, read once from the environment at startup; nothing else in the service reads `process.env`. */
export interface ServiceConfig {
  serviceName: string;
  /** 0 asks the OS for a free port (tests and the crash-log generator); the listening line says which one it got. */
  port: number;
  /** Base URL of the payment provider; `null` selects the in-process sandbox that approves everything. */
  paymentProviderUrl: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_PORT = 8080;

export function readConfig(env: Record<string, string | undefined>): ServiceConfig {
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  const paymentProviderUrl = env.PAYMENT_PROVIDER_URL || null;
  if (paymentProviderUrl !== null && !URL.canParse(paymentProviderUrl)) {
    throw new ConfigError('PAYMENT_PROVIDER_URL is not a valid URL');
  }
  return { serviceName: env.SERVICE_NAME || 'orders-service', port, paymentProviderUrl };
}
