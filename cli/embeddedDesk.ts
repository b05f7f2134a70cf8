import { join } from 'node:path';
import { HealingDesk } from '../core/operate/healingDesk.ts';
import { HealingNotFoundError } from '../core/operate/operateErrors.ts';
import { SqliteControlStore } from '../embedded/sqliteControlStore.ts';
import { SqliteHealingStore } from '../embedded/sqliteHealingStore.ts';
import { SqliteTrackRecords } from '../embedded/sqliteTrackRecords.ts';
import { CliError } from './cliError.ts';
import type { CliConfig } from './config.ts';
import { EXIT } from './exitCodes.ts';

export interface EmbeddedDesk {
  desk: HealingDesk;
  store: SqliteHealingStore;
  control: SqliteControlStore;
  trackRecords: SqliteTrackRecords;
}

/** The embedded mode's desk: healings, track records and the control tables in the one SQLite file. */
export function openEmbeddedDesk(config: CliConfig): EmbeddedDesk {
  const file = join(config.stateDir, 'homeostasis.db');
  const store = new SqliteHealingStore(file);
  const control = new SqliteControlStore(file);
  const trackRecords = new SqliteTrackRecords(file);
  return { desk: new HealingDesk({ store, trackRecords, control }), store, control, trackRecords };
}

/** The one healing whose id starts with `prefix` (ids are UUIDs; people type the first characters). */
export async function resolveHealingId(store: SqliteHealingStore, prefix: string): Promise<string> {
  const matches = (await store.list()).filter((h) => h.id.startsWith(prefix));
  const [only] = matches;
  if (matches.length > 1) throw new CliError(`healing id ${prefix} is ambiguous (${matches.length} match)`, EXIT.usage);
  if (!only) throw new CliError(`no healing ${prefix}`, EXIT.healingNotFound);
  return only.id;
}

export { HealingNotFoundError };
