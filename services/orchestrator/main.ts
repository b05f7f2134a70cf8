import { Logger } from '@aws-lambda-powertools/logger';
import { loadApiConfig } from '../api/apiConfig.ts';
import { orchestratorHttp } from '../api/orchestratorHttp.ts';
import { runUntilSignalled } from '../shared/serviceMain.ts';
import { loadOrchestratorConfig } from './config.ts';
import { Orchestrator } from './orchestrator.ts';

/** Entry of the orchestrator process (ECS task, or `tsx services/orchestrator/main.ts` locally). */
const logger = new Logger({ serviceName: 'orchestrator' });

// The REST API and the dashboard (services/api) over the same desk; HOMEOSTASIS_API_PORT=0 picks a free port.
runUntilSignalled(
  'orchestrator',
  logger,
  () => new Orchestrator(loadOrchestratorConfig(), logger, orchestratorHttp(loadApiConfig(), logger)),
);
