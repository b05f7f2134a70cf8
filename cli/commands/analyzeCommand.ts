import { join } from 'node:path';
import pc from 'picocolors';
import { extractErrors } from '../../core/extract/logExtractor.ts';
import { shortFingerprint } from '../../core/fingerprint/fingerprint.ts';
import { type BuiltEvent, buildErrorEvent } from '../../core/heal/errorEventBuilder.ts';
import { NoErrorFoundError } from '../../core/heal/healErrors.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { createRegistry } from '../../plugins/index.ts';
import type { CliConfig } from '../config.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';
import { logLines } from '../inputs.ts';

export interface AnalyzeFlags {
  log: string;
  json?: boolean;
  service?: string;
  environment?: string;
}

/** Prints every error event of a log, in order, and records their occurrences for `explain`. */
export async function runAnalyze(flags: AnalyzeFlags, config: CliConfig): Promise<ExitCode> {
  const lines = await logLines(flags.log);
  const registry = createRegistry();
  const ctx = { registry, service: flags.service ?? 'unknown', environment: flags.environment ?? 'local' };
  const events: BuiltEvent[] = [];
  const store = new SqliteHealingStore(join(config.stateDir, 'homeostasis.db'));
  try {
    for await (const extracted of extractErrors(lines, { detectors: registry.detectors })) {
      const built = buildErrorEvent(extracted, ctx);
      if (!built) continue;
      events.push(built);
      await store.recordOccurrence(built.event.fingerprint, built.event.timestamp, built.fingerprintParts, built.event);
    }
  } finally {
    store.close();
  }
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify(
        events.map((e) => e.event),
        null,
        2,
      )}\n`,
    );
    if (events.length === 0) throw new NoErrorFoundError('no error was found in the log');
    return EXIT.ok;
  }
  if (events.length === 0) throw new NoErrorFoundError('no error was found in the log');
  for (const { event, analysis } of events) {
    const top = event.frames.find((f) => f.inApp) ?? event.frames[0];
    process.stdout.write(
      `${pc.bold(`${event.errorType}: ${event.message}`)}\n` +
        `  ${pc.dim('category')}    ${event.category}${analysis.ruleId ? pc.dim(` (rule ${analysis.ruleId})`) : ''}\n` +
        `  ${pc.dim('language')}    ${event.language}\n` +
        `  ${pc.dim('fingerprint')} ${shortFingerprint(event.fingerprint)}\n` +
        (top ? `  ${pc.dim('at')}          ${top.function ?? '<anonymous>'} ${top.file}:${top.line ?? '?'}\n` : '') +
        '\n',
    );
  }
  process.stdout.write(pc.dim(`${events.length} error event(s)\n`));
  return EXIT.ok;
}
