import { join } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { HealingDesk } from '../../core/operate/healingDesk.ts';
import { type ApiConfig, ApiConfigError } from './apiConfig.ts';
import { ApiKeyRing } from './apiKeys.ts';
import { startApiServer } from './apiServer.ts';
import { healingRoutes } from './healingRoutes.ts';

export const DASHBOARD_DIR = join(import.meta.dirname, 'dashboard');

/**
 * The REST API and the dashboard as the orchestrator serves them (its HttpStarter): the same desk as the gRPC
 * service. Keys are required here — a deployed API without keys would be open or useless.
 */
export function orchestratorHttp(config: ApiConfig, logger: Logger) {
  if (config.keys.length === 0) {
    throw new ApiConfigError('the orchestrator needs API keys (HOMEOSTASIS_API_KEYS or HOMEOSTASIS_API_KEYS_FILE)');
  }
  const keys = new ApiKeyRing(config.keys);
  return async (desk: HealingDesk) => {
    const api = await startApiServer({
      routes: healingRoutes(desk),
      keys,
      port: config.port,
      host: config.host,
      dashboardDir: DASHBOARD_DIR,
      logger,
    });
    logger.info('REST API listening', { url: api.url });
    return { port: api.port, close: () => api.close() };
  };
}
