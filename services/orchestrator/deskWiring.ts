import { createAwsClients } from '../../adapters/aws/awsClients.ts';
import { DynamoControlStore } from '../../adapters/aws/dynamoControlStore.ts';
import { DynamoHealingStore } from '../../adapters/aws/dynamoHealingStore.ts';
import { DynamoIdempotency } from '../../adapters/aws/dynamoIdempotency.ts';
import { DynamoTrackRecords } from '../../adapters/aws/dynamoTrackRecords.ts';
import { SqsStageHandOff } from '../../adapters/aws/sqsStageHandOff.ts';
import type { HealingDeskDeps } from '../../core/operate/healingDesk.ts';
import { SqliteControlStore } from '../../embedded/sqliteControlStore.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { SqliteTrackRecords } from '../../embedded/sqliteTrackRecords.ts';
import type { StoreConfig } from './config.ts';
import { SqliteIdempotency } from './sqliteIdempotency.ts';

export interface DeskWiring {
  deps: HealingDeskDeps;
  /** Names what each port is backed by, for the start log. */
  description: Record<string, string>;
  close(): void;
}

/**
 * The desk's ports for the configured store. Embedded: every port in the one SQLite file, so `homeostasis serve`
 * and this process may share it. AWS: the tables of infra/cdk/lib/contract.ts through adapters/aws (track records
 * and the kill switch in the control table, report ids in the processed table).
 */
export function wireDesk(
  store: StoreConfig,
  extra: Pick<HealingDeskDeps, 'watchIntervalMs' | 'riskPolicy'> = {},
): DeskWiring {
  if (store.kind === 'sqlite') {
    const healings = new SqliteHealingStore(store.path);
    const control = new SqliteControlStore(store.path);
    const idempotency = new SqliteIdempotency(store.path);
    const trackRecords = new SqliteTrackRecords(store.path);
    return {
      deps: { store: healings, control, idempotency, trackRecords, ...extra },
      description: { store: `sqlite:${store.path}` },
      close: () => {
        healings.close();
        control.close();
        trackRecords.close();
        idempotency.close();
      },
    };
  }
  const { dynamo, sqs } = createAwsClients();
  const { tables, queues } = store;
  return {
    deps: {
      store: new DynamoHealingStore(dynamo, { healings: tables.healings, occurrences: tables.occurrences }),
      control: new DynamoControlStore(dynamo, tables.control),
      idempotency: new DynamoIdempotency(dynamo, tables.processed),
      trackRecords: new DynamoTrackRecords(dynamo, tables.control),
      ...(queues ? { handOff: new SqsStageHandOff(sqs, queues) } : {}),
      ...extra,
    },
    description: {
      store: 'dynamodb',
      healings: tables.healings,
      control: tables.control,
      handOff: queues ? 'sqs' : 'none',
    },
    close: () => {
      dynamo.destroy();
      sqs.destroy();
    },
  };
}
