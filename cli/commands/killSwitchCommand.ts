import { CliError } from '../cliError.ts';
import type { CliConfig } from '../config.ts';
import { openEmbeddedDesk } from '../embeddedDesk.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';

/** `homeostasis kill-switch [on|off] --reason <text>`: stops (or allows again) all automatic delivery at once. */
export async function runKillSwitch(
  setting: string | undefined,
  flags: { reason?: string; json?: boolean },
  config: CliConfig,
): Promise<ExitCode> {
  const { desk } = openEmbeddedDesk(config);
  if (setting !== undefined) {
    if (setting !== 'on' && setting !== 'off')
      throw new CliError(`kill-switch takes on or off, not '${setting}'`, EXIT.usage);
    const reason = flags.reason?.trim() ?? '';
    if (reason === '') throw new CliError('kill-switch on|off needs --reason <text>', EXIT.usage);
    await desk.setKillSwitch(setting === 'on', config.actor, reason);
  }
  const state = await desk.killSwitch();
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(state ?? { on: false }, null, 2)}\n`);
    return EXIT.ok;
  }
  process.stdout.write(
    state
      ? `kill switch ${state.on ? 'ON: automatic delivery is stopped' : 'off'} (set by ${state.by} at ${state.at}: ${state.reason})\n`
      : 'kill switch off (never set)\n',
  );
  return EXIT.ok;
}
