import { Logger } from '@aws-lambda-powertools/logger';
import { loadPluginHostConfig } from './config.ts';
import { PluginHost } from './pluginHost.ts';

/** Entry of the plugin host process (ECS task, or `tsx services/plugin-host/main.ts` locally). */
const logger = new Logger({ serviceName: 'plugin-host' });

async function main(): Promise<void> {
  const config = loadPluginHostConfig();
  const host = new PluginHost(config, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    host.shutdown().then(
      ({ drained }) => process.exit(drained ? 0 : 1),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await host.start();
}

main().catch((error: unknown) => {
  logger.error('plugin host failed to start', { error });
  process.exit(1);
});
