import { join } from 'node:path';
import pc from 'picocolors';
import type { FingerprintParts } from '../../core/fingerprint/fingerprint.ts';
import { FingerprintNotFoundError } from '../../core/heal/healErrors.ts';
import { scanLog } from '../../core/heal/logScan.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { createRegistry } from '../../plugins/index.ts';
import { CliError } from '../cliError.ts';
import type { CliConfig } from '../config.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';
import { logLines } from '../inputs.ts';

/**
 * Shows which parts went into a fingerprint, from the embedded store (every analyzed or healed log records its
 * occurrences) or from a log given with --log.
 */
export async function runExplain(
  fingerprint: string,
  flags: { log?: string; json?: boolean },
  config: CliConfig,
): Promise<ExitCode> {
  if (!/^[0-9a-f]{4,64}$/.test(fingerprint)) {
    throw new CliError(`a fingerprint is 4 to 64 hex digits, got "${fingerprint}"`, EXIT.usage);
  }
  let found: { fingerprint: string; count: number; parts: FingerprintParts; where: string }[] = [];
  if (flags.log) {
    const scan = await scanLog(await logLines(flags.log), {
      registry: createRegistry(),
      service: 'unknown',
      environment: 'local',
    });
    found = scan.groups
      .filter((g) => g.fingerprint.startsWith(fingerprint))
      .map((g) => ({ fingerprint: g.fingerprint, count: g.count, parts: g.parts, where: flags.log as string }));
  } else {
    const store = new SqliteHealingStore(join(config.stateDir, 'homeostasis.db'));
    try {
      found = (await store.findOccurrences(fingerprint)).map((o) => ({
        fingerprint: o.fingerprint,
        count: o.count,
        parts: o.parts as FingerprintParts,
        where: `${config.stateDir} (last seen ${o.lastSeen})`,
      }));
    } finally {
      store.close();
    }
  }
  if (found.length === 0) throw new FingerprintNotFoundError(`fingerprint ${fingerprint} is not known here`);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const f of found) {
    const p = f.parts;
    process.stdout.write(
      [
        `${pc.bold('Fingerprint')} ${f.fingerprint}  (${f.count} occurrence(s), ${f.where})`,
        `${pc.bold('Algorithm')}   ${p.algorithm}: sha256 over the parts below, one per line`,
        `${pc.bold('Error type')}  ${p.errorType}`,
        `${pc.bold('Frame')}       ${p.framesFallback ? '(no in-app frame: the top frame used)' : 'the innermost in-app frame (file and function; line numbers left out)'}`,
        ...p.frames.map((fr) => `              ${fr}`),
        ...(p.callers?.length ? [pc.dim(`              (callers, not used: ${p.callers.join(' ← ')})`)] : []),
        `${pc.bold('Message')}     ${p.normalizedMessage}`,
        pc.dim(
          p.messageUsed
            ? '              (used: no in-app frame; numbers, ids, uuids, hex addresses, quoted values and timestamps masked)'
            : '              (not used: the in-app frames locate the error; shown for reference)',
        ),
        '',
      ].join('\n'),
    );
  }
  return EXIT.ok;
}
