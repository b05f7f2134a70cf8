import { join } from 'node:path';
import pc from 'picocolors';
import { shortFingerprint } from '../../core/fingerprint/fingerprint.ts';
import { deriveState } from '../../core/workflow/healingWorkflow.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { CliError } from '../cliError.ts';
import type { CliConfig } from '../config.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';

/** `homeostasis healings [id]`: the recorded healings, or one healing's timeline of events. */
export async function runHealings(
  id: string | undefined,
  flags: { json?: boolean },
  config: CliConfig,
): Promise<ExitCode> {
  const store = new SqliteHealingStore(join(config.stateDir, 'homeostasis.db'));
  try {
    if (!id) {
      const list = await store.list();
      if (flags.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else
        for (const h of list) {
          process.stdout.write(
            `${h.id}  ${h.state.padEnd(20)} ${h.category.padEnd(18)} ${shortFingerprint(h.fingerprint)}  ${pc.dim(h.updatedAt)}\n`,
          );
        }
      return EXIT.ok;
    }
    const match = (await store.list()).filter((h) => h.id.startsWith(id));
    const [only] = match;
    if (!only || match.length > 1) {
      throw new CliError(match.length > 1 ? `healing id ${id} is ambiguous` : `no healing ${id}`, EXIT.usage);
    }
    const events = await store.events(only.id);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ...only, state: deriveState(events), events }, null, 2)}\n`);
      return EXIT.ok;
    }
    process.stdout.write(`${pc.bold(only.id)}  state ${deriveState(events)}\n`);
    for (const e of events)
      process.stdout.write(`  ${pc.dim(e.at)}  ${e.type.padEnd(22)} ${e.reason} ${pc.dim(`(${e.actor})`)}\n`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}
