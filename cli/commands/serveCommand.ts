import { randomBytes } from 'node:crypto';
import { type ApiConfig, ApiConfigError, loadApiConfig } from '../../services/api/apiConfig.ts';
import { API_ROLES, type ApiKey, ApiKeyRing } from '../../services/api/apiKeys.ts';
import { startApiServer } from '../../services/api/apiServer.ts';
import { healingRoutes } from '../../services/api/healingRoutes.ts';
import { DASHBOARD_DIR } from '../../services/api/orchestratorHttp.ts';
import { CliError } from '../cliError.ts';
import type { CliConfig } from '../config.ts';
import { openEmbeddedDesk } from '../embeddedDesk.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';

/**
 * `homeostasis serve`: the REST API and the dashboard over the embedded store, on loopback by default. Without
 * configured keys (HOMEOSTASIS_API_KEYS / _FILE) it makes a one-time key with every role for the local user.
 */
export async function runServe(
  flags: { port?: string; host?: string },
  config: CliConfig,
  stopped: Promise<string> = untilSignal(),
): Promise<ExitCode> {
  let api: ApiConfig;
  try {
    api = loadApiConfig();
  } catch (error) {
    if (error instanceof ApiConfigError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
  const port = flags.port === undefined ? api.port : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliError(`invalid --port ${flags.port}`, EXIT.usage);
  const oneTime: ApiKey | null =
    api.keys.length > 0
      ? null
      : { name: config.actor, key: randomBytes(24).toString('base64url'), roles: [...API_ROLES] };
  const { desk } = openEmbeddedDesk(config);
  const server = await startApiServer({
    routes: healingRoutes(desk),
    keys: new ApiKeyRing(oneTime ? [oneTime] : api.keys),
    port,
    host: flags.host ?? api.host,
    dashboardDir: DASHBOARD_DIR,
  });
  process.stdout.write(`homeostasis API and dashboard: ${server.url}/dashboard/\n`);
  if (oneTime) process.stdout.write(`API key for this session (user ${oneTime.name}, every role): ${oneTime.key}\n`);
  const signal = await stopped;
  process.stdout.write(`stopping (${signal})\n`);
  await server.close();
  return EXIT.ok;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}
