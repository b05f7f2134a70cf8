import { Logger } from '@aws-lambda-powertools/logger';
import { loadApiConfig } from '../api/apiConfig.ts';
import { orchestratorHttp } from '../api/orchestratorHttp.ts';
import { loadOrchestratorConfig } from './config.ts';
import { Orchestrator } from './orchestrator.ts';

/** Entry of the orchestrator process (ECS task, or `tsx services/orchestrator/main.ts` locally). */
const logger = new Logger({ serviceName: 'orchestrator' });

async function main(): Promise<void> {
  const config = loadOrchestratorConfig();
  // The REST API and the dashboard (services/api) over the same desk; HOMEOSTASIS_API_PORT=0 picks a free port.
  const orchestrator = new Orchestrator(config, logger, orchestratorHttp(loadApiConfig(), logger));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    orchestrator.shutdown().then(
      ({ drained }) => process.exit(drained ? 0 : 1),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await orchestrator.start();
}

main().catch((error: unknown) => {
  logger.error('orchestrator failed to start', { error });
  process.exit(1);
});
