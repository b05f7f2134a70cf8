import type { Logger } from '@aws-lambda-powertools/logger';

/** What a long-lived service process runs: start serving; on a signal, drain and say whether everything finished. */
export interface LongLivedService {
  start(): Promise<unknown>;
  shutdown(): Promise<{ drained: boolean }>;
}

/**
 * The entry of a service process (ECS task or `tsx services/<name>/main.ts`): starts it, and on the first SIGTERM
 * or SIGINT drains it and exits 0 when everything in flight finished, 1 otherwise (or when starting failed).
 */
export function runUntilSignalled(what: string, logger: Logger, create: () => LongLivedService): void {
  let service: LongLivedService;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    service.shutdown().then(
      ({ drained }) => process.exit(drained ? 0 : 1),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  const started = async () => {
    service = create();
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    await service.start();
  };
  started().catch((error: unknown) => {
    logger.error(`${what} failed to start`, { error });
    process.exit(1);
  });
}
