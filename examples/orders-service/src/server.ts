import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { readConfig } from './config.js';
import { createLogger } from './logger.js';
import { OrderStore } from './orders.js';
import { httpGateway, sandboxGateway } from './payments.js';
import { previousDay, runDailyReport, scheduleNightlyReport } from './reports.js';

const config = readConfig(process.env);
const log = createLogger(process.stdout, { name: config.serviceName });
const store = new OrderStore();
const payments = config.paymentProviderUrl === null ? sandboxGateway() : httpGateway(config.paymentProviderUrl);
const server = createApp({ log, store, payments });

server.listen(config.port, () => {
  const { port } = server.address() as AddressInfo;
  log.info(`${config.serviceName} listening`, {
    port,
    payments: config.paymentProviderUrl === null ? 'sandbox' : 'http',
  });
});

scheduleNightlyReport(() => runDailyReport(previousDay(new Date()), store, log.child({ job: 'nightly-report' })));

function shutDown(signal: string): void {
  log.info('shutting down', { signal });
  server.close(() => process.exit(0));
}
process.once('SIGTERM', () => shutDown('SIGTERM'));
process.once('SIGINT', () => shutDown('SIGINT'));
