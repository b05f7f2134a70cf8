import { Logger } from '@aws-lambda-powertools/logger';
import { runUntilSignalled } from '../shared/serviceMain.ts';
import { loadPluginHostConfig } from './config.ts';
import { PluginHost } from './pluginHost.ts';

/** Entry of the plugin host process (ECS task, or `tsx services/plugin-host/main.ts` locally). */
const logger = new Logger({ serviceName: 'plugin-host' });

runUntilSignalled('plugin host', logger, () => new PluginHost(loadPluginHostConfig(), logger));
